//! The room: the presenter window, sharing with participants' browsers, the mark and the
//! changes since it.

use std::net::SocketAddr;
use std::sync::Arc;

use egui::{Context, RichText};

use super::{Action, App};
use crate::i18n::Lang;
use crate::present::room::RoomView;
use crate::room::Share;
use crate::tr;

/// Where "Share with the room" listens unless the user says otherwise: every network of this
/// computer, so that laptops on the meeting's network reach it.
pub const DEFAULT_SHARE_ADDRESS: &str = "0.0.0.0:8750";

/// What the room's windows hold between frames.
#[derive(Default)]
pub struct RoomState {
    pub presenter: bool,
    pub share: Option<Share>,
    pub share_window: bool,
    pub share_address: String,
    pub share_error: Option<String>,
    /// The QR code of the link, drawn once per link.
    qr: Option<(String, egui::TextureHandle)>,
    /// The room's figures (the view without its rows) at a revision and in a language, built
    /// once per change.
    figures: Option<(u64, Lang, Arc<RoomView>)>,
    /// What the share last published.
    published: Option<(u64, Lang)>,
    /// The name being typed for a new mark.
    pub mark_name: Option<String>,
    pub changes_window: bool,
}

impl App {
    /// The room's figures now (ratio, surplus, d, the mark), rebuilt only when the document or
    /// the language changed; the presenter window draws the rows it shows itself.
    fn room_figures(&mut self) -> Arc<RoomView> {
        let key = (self.document.revision(), self.lang);
        match &self.room.figures {
            Some((revision, lang, view)) if (*revision, *lang) == key => view.clone(),
            _ => {
                let view = Arc::new(RoomView::figures(&self.document, self.lang));
                self.room.figures = Some((key.0, key.1, view.clone()));
                view
            }
        }
    }

    /// Starts sharing on `address`; says why not on the status line and in the window.
    pub fn start_share(&mut self, address: SocketAddr) -> Result<String, String> {
        let lang = self.lang;
        self.room.share = None;
        self.room.published = None;
        match Share::start(address) {
            Ok(share) => {
                let link = share.link().to_owned();
                self.room.share = Some(share);
                self.room.share_error = None;
                self.publish_room();
                self.set_status(
                    tr!(
                        lang,
                        "Sharing with the room at {link}",
                        "Compartiendo con la sala en {link}"
                    ),
                    true,
                );
                Ok(link)
            }
            Err(error) => {
                let message = tr!(
                    lang,
                    "Could not share on {address}: {error}",
                    "No se pudo compartir en {address}: {error}"
                );
                self.room.share_error = Some(message.clone());
                self.set_status(message.clone(), false);
                Err(message)
            }
        }
    }

    /// Whether the presenter window is open.
    pub fn presenter_open(&self) -> bool {
        self.room.presenter
    }

    /// Sends the view to the browsers when a committed change (or the language) made it
    /// differ from what was last sent: participants see values as they are entered, not as
    /// they are typed, and a 10,000-row view is built once per change, not per keystroke.
    fn publish_room(&mut self) {
        let Some(share) = &self.room.share else {
            return;
        };
        let key = (self.document.committed_revision(), self.lang);
        if self.room.published == Some(key) {
            return;
        }
        let view = RoomView::of(&self.document, self.lang);
        if let Ok(json) = serde_json::to_string(&view) {
            share.publish(json);
            self.room.published = Some(key);
        }
    }

    /// The presenter window, the share window, the mark's name and the changes since the mark.
    pub(super) fn room_windows(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        self.publish_room();
        self.presenter_viewport(ctx);
        self.share_window(ctx);
        self.mark_window(ctx, actions);
        self.changes_window(ctx);
    }

    fn presenter_viewport(&mut self, ctx: &Context) {
        if !self.room.presenter {
            return;
        }
        let figures = self.room_figures();
        let (document, lang) = (&self.document, self.lang);
        let title = lang.t("rbf-targets — presenter", "rbf-targets — proyección");
        let builder = egui::ViewportBuilder::default()
            .with_title(title)
            .with_inner_size([1280.0, 720.0]);
        let closed = ctx.show_viewport_immediate(
            egui::ViewportId::from_hash_of("presenter"),
            builder,
            |ui, _class| {
                egui::CentralPanel::default()
                    .frame(
                        egui::Frame::new()
                            .fill(egui::Color32::WHITE)
                            .inner_margin(16.0),
                    )
                    .show(ui, |ui| {
                        crate::ui::presenter::presenter_ui(ui, &figures, document, lang)
                    });
                ui.input(|i| i.viewport().close_requested())
            },
        );
        if closed {
            self.room.presenter = false;
        }
    }

    fn share_window(&mut self, ctx: &Context) {
        if !self.room.share_window {
            return;
        }
        let lang = self.lang;
        let mut open = true;
        let mut start = None;
        let mut stop = false;
        egui::Window::new(lang.t("Share with the room", "Compartir con la sala"))
            .open(&mut open)
            .resizable(false)
            .show(ctx, |ui| match &self.room.share {
                Some(share) => {
                    ui.label(lang.t(
                        "Participants on this network open this link (read-only):",
                        "Los participantes en esta red abren este enlace (solo lectura):",
                    ));
                    let link = share.link();
                    ui.label(RichText::new(link).size(18.0).strong().monospace())
                        .accessible_name(lang.t("Share link", "Enlace para compartir"));
                    ui.label(tr!(
                        lang,
                        "Access code: {}   ·   viewers now: {}",
                        "Clave de acceso: {}   ·   espectadores ahora: {}",
                        share.code(),
                        share.viewers()
                    ));
                    let texture = qr_texture(ctx, &mut self.room.qr, link);
                    if let Some(texture) = texture {
                        ui.add(egui::Image::new(&texture).fit_to_exact_size([240.0, 240.0].into()));
                    }
                    if ui
                        .button(lang.t("Stop sharing", "Dejar de compartir"))
                        .clicked()
                    {
                        stop = true;
                    }
                }
                None => {
                    ui.label(lang.t(
                        "Address and port to serve on (0.0.0.0 is every network of this \
                             computer; 127.0.0.1 this computer only):",
                        "Dirección y puerto donde servir (0.0.0.0 es cada red de esta \
                             computadora; 127.0.0.1 solo esta computadora):",
                    ));
                    if self.room.share_address.is_empty() {
                        self.room.share_address = DEFAULT_SHARE_ADDRESS.to_owned();
                    }
                    ui.text_edit_singleline(&mut self.room.share_address)
                        .accessible_name(lang.t("Share address", "Dirección para compartir"));
                    if let Some(error) = &self.room.share_error {
                        ui.colored_label(ui.visuals().error_fg_color, error);
                    }
                    if ui
                        .button(lang.t("Start sharing", "Empezar a compartir"))
                        .clicked()
                    {
                        start = Some(self.room.share_address.trim().to_owned());
                    }
                }
            });
        if let Some(text) = start {
            match text.parse::<SocketAddr>() {
                Ok(address) => {
                    let _ = self.start_share(address);
                }
                Err(_) => {
                    self.room.share_error = Some(tr!(
                        lang,
                        "“{text}” is not an address and port such as 0.0.0.0:8750.",
                        "«{text}» no es una dirección y puerto como 0.0.0.0:8750."
                    ));
                }
            }
        }
        if stop {
            self.room.share = None;
            self.room.published = None;
            self.set_status(
                lang.t(
                    "Stopped sharing with the room.",
                    "Se dejó de compartir con la sala.",
                ),
                true,
            );
        }
        if !open {
            self.room.share_window = false;
        }
    }

    fn mark_window(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        let Some(name) = &mut self.room.mark_name else {
            return;
        };
        let lang = self.lang;
        let mut done = None;
        egui::Modal::new(egui::Id::unique("mark agreed")).show(ctx, |ui| {
            ui.heading(lang.t("Mark agreed", "Marcar como acordado"));
            ui.label(lang.t(
                "A name for this moment; changes from now on are highlighted against it.",
                "Un nombre para este momento; los cambios desde ahora se resaltan frente a él.",
            ));
            let field = ui
                .text_edit_singleline(name)
                .accessible_name(lang.t("Name of the mark", "Nombre de la marca"));
            let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
            if !enter {
                field.request_focus();
            }
            ui.horizontal(|ui| {
                if ui.button(lang.t("Mark", "Marcar")).clicked() || enter {
                    done = Some(true);
                }
                if ui.button(lang.t("Cancel", "Cancelar")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    done = Some(false);
                }
            });
        });
        match done {
            Some(true) => {
                let name = self.room.mark_name.take().unwrap_or_default();
                actions.push(Action::SetMark(name));
            }
            Some(false) => self.room.mark_name = None,
            None => {}
        }
    }

    fn changes_window(&mut self, ctx: &Context) {
        if !self.room.changes_window {
            return;
        }
        let lang = self.lang;
        let mut open = self.room.changes_window;
        let view = self.room_figures();
        let changes = self.document.changes_since_mark();
        egui::Window::new(lang.t("Changes since the mark", "Cambios desde la marca"))
            .open(&mut open)
            .default_size([760.0, 360.0])
            .show(ctx, |ui| {
                ui.label(RichText::new(&view.mark).strong());
                let columns = crate::present::audit::columns(lang);
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let document = &self.document;
                    let differences = crate::present::mark::differences(
                        document.mark(),
                        document.project(),
                        document.outcome(),
                        lang,
                    );
                    ui.label(RichText::new(lang.t("What differs", "Qué difiere")).strong());
                    egui::Grid::new("differs from the mark")
                        .striped(true)
                        .show(ui, |ui| {
                            for title in crate::present::mark::difference_columns(lang) {
                                ui.label(RichText::new(title).strong());
                            }
                            ui.end_row();
                            for row in &differences {
                                for cell in row {
                                    ui.label(cell);
                                }
                                ui.end_row();
                            }
                        });
                    ui.separator();
                    ui.label(
                        RichText::new(
                            lang.t("The log since the mark", "La bitácora desde la marca"),
                        )
                        .strong(),
                    );
                    egui::Grid::new("changes since the mark")
                        .striped(true)
                        .show(ui, |ui| {
                            for title in columns {
                                ui.label(RichText::new(title).strong());
                            }
                            ui.end_row();
                            for entry in changes.iter().rev() {
                                for cell in crate::present::audit::cells(entry, lang) {
                                    ui.label(cell);
                                }
                                ui.end_row();
                            }
                        });
                    if changes.is_empty() {
                        ui.label(lang.t(
                            "Nothing has changed since the mark.",
                            "Nada cambió desde la marca.",
                        ));
                    }
                });
            });
        self.room.changes_window = open;
    }
}

/// The QR code of `link` as a texture, made once per link.
fn qr_texture(
    ctx: &Context,
    cache: &mut Option<(String, egui::TextureHandle)>,
    link: &str,
) -> Option<egui::TextureHandle> {
    if let Some((cached, texture)) = cache
        && cached == link
    {
        return Some(texture.clone());
    }
    let code = qrcode::QrCode::new(link.as_bytes()).ok()?;
    let width = code.width();
    let quiet = 4;
    let side = width + 2 * quiet;
    let mut pixels = vec![egui::Color32::WHITE; side * side];
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (y, x) = (i / width + quiet, i % width + quiet);
            pixels[y * side + x] = egui::Color32::BLACK;
        }
    }
    let image = egui::ColorImage::new([side, side], pixels);
    let texture = ctx.load_texture("share link", image, egui::TextureOptions::NEAREST);
    *cache = Some((link.to_owned(), texture.clone()));
    Some(texture)
}

import AssetMapCore
import TerminalKit

/// Named colour roles (htop's `CRT_colors`): screens and dialogs draw with roles, and this table says
/// what each looks like. Selection and focus never rely on colour alone (reverse, bold, heavy lines),
/// so a monochrome or `NO_COLOR` terminal loses nothing but hue.
enum Role: CaseIterable {
    /// Explanations, counts, "none yet" and other quiet text.
    case dim
    /// Headings, the focused box, the text of a question.
    case heading
    /// The tab on show.
    case activeTab
    /// The status line.
    case statusBar
    /// A private attribute's value.
    case privateValue
    /// A mark in the matrix, and where there is none.
    case mark, noMark
    /// A cell or card that is the selection itself, not a row of a list.
    case selectedCell
    /// A one-line text field.
    case field
}

struct Theme {
    var roles: [Role: Style]
    var kinds: [KindColorRole: Color]

    subscript(_ role: Role) -> Style { roles[role] ?? .plain }

    /// The style of a node of `kind` (Core's presentation gives its colour role).
    func kind(_ kind: String, in graph: MapGraph) -> Style {
        Style(foreground: kinds[graph.presentation(ofKind: kind).colorRole])
    }

    func kind(_ role: KindColorRole) -> Style { Style(foreground: kinds[role]) }

    static let standard = Theme(
        roles: [
            .dim: Style(dim: true),
            .heading: Style(bold: true),
            .activeTab: Style(bold: true, reverse: true),
            .statusBar: Style(reverse: true),
            .privateValue: Style(dim: true),
            .mark: .plain,
            .noMark: Style(dim: true),
            .selectedCell: Style(bold: true, reverse: true),
            .field: Style(underline: true),
        ],
        kinds: [
            .community: .cyan, .organisation: .green, .place: .yellow, .barrier: .red, .improvement: .magenta,
            .declared: .blue,
        ])
}

extension Style {
    func with(bold: Bool = false, underline: Bool = false) -> Style {
        var style = self
        style.bold = style.bold || bold
        style.underline = style.underline || underline
        return style
    }
}

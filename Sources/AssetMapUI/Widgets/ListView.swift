import TerminalKit

/// The first line on show of a list or a text that scrolls, owned by the screen or dialog that has it
/// and kept across frames (ratatui's `ListState`). It moves only as far as the selection needs, and is
/// clamped whenever the selection, the length or the height changes, so after ↓ past the end ↑ answers
/// at once. Drawing and the mouse both read `fitted`: one computation of which rows are on show.
struct ListScroll: Equatable {
    private(set) var offset = 0

    /// The scroll that shows `selected` (if any) among `count` items in `rows` lines, with `margin` lines
    /// around it where there are any (vim's 'scrolloff'; `rows / 2` keeps it centred), moved as little as
    /// possible from this one and never past the end.
    func fitted(selected: Int?, count: Int, rows: Int, margin: Int = 0) -> ListScroll {
        guard rows > 0, count > rows else { return ListScroll() }
        var first = min(offset, count - rows)
        if let selected {
            let margin = min(margin, (rows - 1) / 2)
            if selected - margin < first {
                first = selected - margin
            } else if selected + margin >= first + rows {
                first = selected + margin - rows + 1
            }
        }
        return ListScroll(offset: max(0, min(first, count - rows)))
    }

    mutating func fit(selected: Int?, count: Int, rows: Int, margin: Int = 0) {
        self = fitted(selected: selected, count: count, rows: rows, margin: margin)
    }

    /// Scrolls a text (no selection) by `lines`, never before its start or past its end.
    mutating func scroll(by lines: Int, count: Int, rows: Int) {
        offset = max(0, min(offset + lines, count - rows))
    }

    /// The items on show in `rows` lines.
    func visible(count: Int, rows: Int) -> Range<Int> { min(offset, count)..<min(count, offset + max(0, rows)) }

    /// The item on line `line` of the list (0: its first line), if there is one.
    func item(atLine line: Int, count: Int) -> Int? {
        let i = offset + line
        return line >= 0 && i < count ? i : nil
    }
}

/// Draws the rows of a list with a selection bar: `row(i)` gives item `i`'s text and base style.
enum ListView {
    static func draw(
        _ scroll: ListScroll, count: Int, selected: Int?, focused: Bool = true, in rect: Rect,
        into buffer: inout Buffer, row: (Int) -> (text: String, style: Style)
    ) {
        for i in scroll.visible(count: count, rows: rect.height) {
            let (text, style) = row(i)
            Widgets.row(
                text, in: rect, y: rect.y + i - scroll.offset,
                style: Widgets.rowStyle(selected: i == selected, focused: focused, base: style), into: &buffer)
        }
    }
}

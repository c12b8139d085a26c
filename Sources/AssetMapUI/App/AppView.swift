import AssetMapCore
import TerminalKit

// The frame around the screens: tab bar, status line, hint line, and the dialog on top.

extension AssetMapApp {
    package func view(into buffer: inout Buffer) {
        buffer.fill(buffer.area)
        if buffer.width < Self.minimumWidth || buffer.height < Self.minimumHeight {
            drawTooSmall(into: &buffer)
            return
        }
        let area = Rect(x: 0, y: 1, width: buffer.width, height: buffer.height - 3)
        drawTabBar(into: &buffer)
        screens[current].draw(into: &buffer, area: area, session: session)
        drawStatus(into: &buffer)
        dialog?.draw(into: &buffer, session: session)
    }

    func drawTooSmall(into buffer: inout Buffer) {
        let lines = [
            "terminal too small",
            "(need \(Self.minimumWidth)×\(Self.minimumHeight), have \(buffer.width)×\(buffer.height))",
        ]
        let top = max(0, buffer.height / 2 - 1)
        for (i, line) in lines.enumerated() {
            let cut = TextWidth.truncate(line, to: buffer.width)
            buffer.put(
                cut, x: max(0, (buffer.width - TextWidth.of(cut)) / 2), y: top + i,
                style: i == 0 ? session.theme[.heading] : .plain)
        }
    }

    func tabBarItems() -> [(tab: Tab, range: Range<Int>)] {
        var x = 1
        return ScreenRegistry.all.enumerated().map { i, screen in
            let w = TextWidth.of(" \(i + 1) \(screen.tab.title) ")
            defer { x += w + 1 }
            return (screen.tab, x..<(x + w))
        }
    }

    func drawTabBar(into buffer: inout Buffer) {
        let items = tabBarItems()
        for (i, item) in items.enumerated() {
            buffer.put(
                " \(i + 1) \(item.tab.title) ", x: item.range.lowerBound, y: 0,
                style: item.tab == tab ? session.theme[.activeTab] : .plain)
        }
        let end = items.last?.range.upperBound ?? 0
        if let room = environment.room?.status, room.isOpen {
            let text = TextWidth.truncate("ROOM OPEN · \(room.joined) joined", to: buffer.width - end - 3)
            buffer.put(text, x: buffer.width - 1 - TextWidth.of(text), y: 0, style: session.theme[.heading])
        } else if let title = document.graph.header?.title {
            let cut = TextWidth.truncate(title, to: buffer.width - end - 3)
            buffer.put(cut, x: buffer.width - 1 - TextWidth.of(cut), y: 0, style: session.theme[.dim])
        }
    }

    /// The status line (file, flags, message) and the hint line (from the keymap).
    func drawStatus(into buffer: inout Buffer) {
        let y = buffer.height - 2
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), with: Cell(" ", style: session.theme[.statusBar]))
        var left = " \(fileName)"
        if hasUnsavedChanges { left += " [+]" }
        // Until its first save, nothing of it is the user's file yet.
        if savesAsCopy { left += " [a copy of the example]" }
        if isReadOnly { left += " [read-only]" }
        if let message { left += "  │ \(message)" }
        buffer.put(TextWidth.truncate(left, to: buffer.width - 1), x: 0, y: y, style: session.theme[.statusBar])
        let hints = " " + Keymap.hints(for: dialog?.scopes ?? scopes, width: buffer.width - 1)
        buffer.put(TextWidth.truncate(hints, to: buffer.width), x: 0, y: y + 1, style: session.theme[.dim])
    }
}

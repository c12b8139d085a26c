import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit

/// The widgets on their own: the list's scroll, the list view, the theme, and dialogs driven directly.
@Suite struct WidgetTests {
    @Test func listScrollMovesOnlyAsFarAsTheSelectionNeeds() {
        var scroll = ListScroll()
        scroll.fit(selected: 3, count: 20, rows: 5)
        #expect(scroll.offset == 0)
        scroll.fit(selected: 7, count: 20, rows: 5)
        #expect(scroll.offset == 3)  // the selection on the last line
        scroll.fit(selected: 5, count: 20, rows: 5)
        #expect(scroll.offset == 3)  // still in view: nothing moves
        scroll.fit(selected: 1, count: 20, rows: 5)
        #expect(scroll.offset == 1)
        scroll.fit(selected: 19, count: 20, rows: 5)
        #expect(scroll.offset == 15)
        // The list shrinks (or the view grows): never past the end, never below zero.
        scroll.fit(selected: 2, count: 8, rows: 5)
        #expect(scroll.offset == 2)
        scroll.fit(selected: 2, count: 8, rows: 10)
        #expect(scroll.offset == 0)
        #expect(ListScroll().fitted(selected: 4, count: 10, rows: 0).offset == 0)
        // With a margin of half the rows the selection stays centred, except near the ends.
        #expect(ListScroll().fitted(selected: 10, count: 30, rows: 7, margin: 3).offset == 7)
        #expect(ListScroll(offset: 20).fitted(selected: 10, count: 30, rows: 7, margin: 3).offset == 7)
        #expect(ListScroll().fitted(selected: 1, count: 30, rows: 7, margin: 3).offset == 0)
        #expect(ListScroll().fitted(selected: 29, count: 30, rows: 7, margin: 3).offset == 23)
    }

    @Test func aScrolledTextTurnsBackAtOnceAfterItsEnd() {
        var scroll = ListScroll()
        for _ in 0..<50 { scroll.scroll(by: 1, count: 12, rows: 5) }
        #expect(scroll.offset == 7)
        scroll.scroll(by: -1, count: 12, rows: 5)
        #expect(scroll.offset == 6)
        scroll.scroll(by: -100, count: 12, rows: 5)
        #expect(scroll.offset == 0)
        scroll.scroll(by: 3, count: 4, rows: 5)
        #expect(scroll.offset == 0)
    }

    @Test func hitTestingFindsTheRowDrawnOnThatLine() {
        var scroll = ListScroll()
        scroll.fit(selected: 9, count: 10, rows: 4)
        var buffer = Buffer(width: 10, height: 4)
        ListView.draw(scroll, count: 10, selected: 9, in: buffer.area, into: &buffer) { ("item \($0)", .plain) }
        for line in 0..<4 {
            let item = try! #require(scroll.item(atLine: line, count: 10))
            #expect(buffer.row(line).hasPrefix("item \(item)"))
        }
        #expect(scroll.item(atLine: 4, count: 10) == nil)
        #expect(scroll.item(atLine: -1, count: 10) == nil)
        // The selection bar is on the selected row, in reverse video.
        #expect(buffer[0, 3].style.reverse && !buffer[0, 2].style.reverse)
    }

    @Test func themeGivesEachKindItsCoreColourRole() {
        let graph = MapDocument(text: sampleMap).graph
        let theme = Theme.standard
        #expect(theme.kind("community", in: graph).foreground == .cyan)
        #expect(theme.kind("barrier", in: graph).foreground == .red)
        #expect(Set(KindColorRole.allCases.map { theme.kind($0).foreground }).count == KindColorRole.allCases.count)
        // Every role has a look of its own choosing; selection is never colour alone.
        for role in Role.allCases { #expect(theme.roles[role] != nil, "\(role)") }
        #expect(theme[.selectedCell].reverse)
    }

    @Test func aScreenDrawsWithTheSessionsTheme() throws {
        var h = try Harness()
        var theme = Theme.standard
        theme.kinds[.community] = .green
        h.app.session.theme = theme
        let buffer = h.buffer
        let row = try #require((0..<buffer.height).first { buffer.row($0).contains("[C] community  id: refugees") })
        let x = try #require(
            buffer.row(row).range(of: "[C] community").map {
                buffer.row(row).distance(from: buffer.row(row).startIndex, to: $0.lowerBound)
            })
        #expect(buffer[x, row].style.foreground == .green)
    }

    /// A dialog on its own: keys in, effects out, no app around it.
    @Test func confirmDialogAnswersWithEffects() {
        let session = Session(
            document: MapDocument(text: sampleMap), path: "/tmp/x.map", loadErrors: [], environment: .live)
        var dialog = ConfirmDialog(question: "Delete? y/n", yes: [.message("deleted")])
        #expect(dialog.handle(.yes, typed: nil, session: session).map(\.summary) == ["dismiss", "message deleted"])
        #expect(
            dialog.handle(.no, typed: nil, session: session).map(\.summary) == ["dismiss", "message Nothing deleted"])
        #expect(dialog.handle(nil, typed: "x", session: session).isEmpty)
        var buffer = Buffer(width: 60, height: 16)
        dialog.draw(into: &buffer, session: session)
        #expect(buffer.text.contains("Delete? y/n"))
        #expect(buffer.text.contains("Confirm"))
    }

    @Test func textPromptEditsItsFieldAndHandsTheTextOn() {
        let session = Session(
            document: MapDocument(text: sampleMap), path: "/tmp/x.map", loadErrors: [], environment: .live)
        var prompt = TextPrompt(title: "Rename", detail: "New label:", text: "Roma") { text, _ in
            [.message("got \(text)")]
        }
        for c in " people" { _ = prompt.handle(nil, typed: c, session: session) }
        _ = prompt.handle(.deleteBackward, typed: nil, session: session)
        #expect(prompt.handle(.accept, typed: nil, session: session).map(\.summary) == ["message got Roma peopl"])
        #expect(prompt.handle(.cancel, typed: nil, session: session).map(\.summary) == ["dismiss"])
        #expect(prompt.scopes == [.prompt, .textField])
    }

    @Test func searchDialogKeepsItsSelectionInView() throws {
        var text = "map \"Many\"\n\n"
        for i in 0..<60 { text += "community c\(i) \"Refugee group \(i)\"\n" }
        var h = try Harness(text, width: 80, height: 20)
        h.press(.char("/"))
        h.type("refugee")
        for _ in 0..<40 { h.press(.down) }
        #expect(h.screen.contains("Refugee group 40"))
        // Up answers at once: the group above appears as soon as the selection reaches the top line.
        let top = try #require(
            (0..<60).first { h.screen.contains("Refugee group \($0) ") || h.screen.hasSuffix("Refugee group \($0)") })
        for _ in 0..<(40 - top + 1) { h.press(.up) }
        #expect(h.screen.contains("Refugee group \(top - 1)"))
    }

    @Test func reviewCardScrollTurnsBackAtOnce() throws {
        var h = try Harness(reviewSessionMap, width: 80, height: 16)
        h.press(.char("4"))
        let top = h.screen
        for _ in 0..<40 { h.press(.down) }
        let bottom = h.screen
        #expect(bottom != top)
        h.press(.up)
        #expect(h.screen != bottom, "↑ moves the card at once after scrolling past its end")
        #expect(h.app.review.scroll > 0)
    }
}

extension Effect {
    /// A short name for comparing effects in tests.
    var summary: String {
        switch self {
        case .message(let text): return "message \(text)"
        case .dismiss: return "dismiss"
        case .present(let dialog): return "present \(type(of: dialog))"
        case .edit: return "edit"
        default: return "\(self)"
        }
    }
}

import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit
import AssetMapTestSupport

@Suite struct ViewTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test(arguments: sizes)
    func browseShowsKindsNodesDetailsAndLinks(width: Int, height: Int) throws {
        let h = try Harness(width: width, height: height)
        let screen = h.screen
        #expect(screen.contains(" 1 Browse   2 Graph   3 Matrix   4 Review "))
        #expect(screen.range(of: #"Communities +3"#, options: .regularExpression) != nil)
        #expect(screen.range(of: #"Barriers +2"#, options: .regularExpression) != nil)
        #expect(screen.contains("Roma communities"))
        #expect(screen.contains("[C] community  id: refugees"))
        #expect(screen.contains("plus: yes"))
        // A multi-line value shows its second line; private attributes are marked.
        #expect(screen.contains("and move at short notice."))
        #expect(screen.contains("private-contact [private]"))
        #expect(screen.contains("Links (4)"))
        #expect(screen.contains("trusts → Refugee and Migrant Cent"))
        #expect(screen.contains("← affects No interpreter offered"))
        #expect(h.status.contains("test.map"))
        #expect(!h.status.contains("[+]"))
        if width >= 120 {
            #expect(screen.contains("← affects Asked for proof of address"))
            #expect(screen.contains("gathers at → Central Library"))
        }
    }

    @Test(arguments: sizes)
    func graphShowsIncomingLeftOutgoingRightWithTags(width: Int, height: Int) throws {
        var h = try Harness(width: width, height: height)
        h.press(.char("2"))
        let screen = h.screen
        #expect(screen.contains("Incoming (2)"))
        #expect(screen.contains("Outgoing (2)"))
        #expect(screen.contains("[C] Refugees"))
        #expect(screen.contains("─ affects ─"))
        #expect(screen.contains("[O] Refugee an"))
        #expect(screen.contains("[P] Central"))
        #expect(screen.contains("Library"))
        // Incoming on the left of the centre box, outgoing on the right.
        let row = screen.split(separator: "\n").first { $0.contains("[B] Asked for") }!
        let boxRow = screen.split(separator: "\n").first { $0.contains("┃[C] Refugees") }!
        #expect(row.range(of: "[B]")!.lowerBound < row.range(of: "─")!.lowerBound)
        #expect(boxRow.contains("─▶┃"))
        #expect(screen.contains("┌─ trusts"))
        // The selection is described in words.
        #expect(screen.contains("Refugees and people seeking asylum trusts → Refugee and Migrant Centre"))
    }

    @Test func graphArrowsMoveAndEnterRecentres() throws {
        var h = try Harness()
        h.press(.char("2"), .left, .down)
        #expect(h.screen.contains("No interpreter offered affects → Refugees and people seeking asylum"))
        h.press(.enter)
        #expect(h.screen.contains("┃[B] No"))
        #expect(h.screen.contains("┃interpreter"))
        #expect(h.app.currentID == "language")
        h.press(.backspace)
        #expect(h.app.currentID == "refugees")
    }

    @Test(arguments: sizes)
    func matrixMarksBarriersAffectingCommunities(width: Int, height: Int) throws {
        var h = try Harness(width: width, height: height)
        h.press(.char("3"))
        let lines = h.screen.split(separator: "\n").map(String.init)
        let refugees = lines.first { $0.hasPrefix("Refugees and") }!
        let roma = lines.first { $0.hasPrefix("Roma communities") }!
        let carers = lines.first { $0.hasPrefix("Unpaid carers") }!
        #expect(refugees.filter { $0 == "●" }.count == 2)
        #expect(roma.filter { $0 == "●" }.count == 1)
        #expect(carers.filter { $0 == "●" }.count == 0)
        #expect(h.screen.contains("Asked for"))
        #expect(h.screen.contains("Asked for proof of address affects Refugees and people seeking asylum"))
        // Enter opens the barrier in Browse.
        h.press(.right, .down, .enter)
        #expect(h.app.tab == .browse)
        #expect(h.app.currentID == "language")
    }

    @Test func matrixScrollsBothWaysKeepingHeaders() throws {
        var text = "map \"Wide\"\n\n"
        for c in 0..<40 { text += "community c\(c) \"Community number \(c)\"\n" }
        for b in 0..<30 { text += "barrier b\(b) \"Barrier \(b)\"\n" }
        text += "b29 -> c39 affects\n"
        var h = try Harness(text)
        h.press(.char("3"))
        #expect(!h.screen.contains("Community number 39"))
        h.press(.end)
        for _ in 0..<39 { h.press(.down) }
        let screen = h.screen
        #expect(screen.contains("Community ╲ Barrier"))
        #expect(screen.contains("Community number 39"))
        #expect(screen.contains("Barrier 29"))
        #expect(!screen.contains("Barrier 0 "))
        #expect(screen.contains("Barrier 29 affects Community number 39"))
        #expect(screen.contains("community 40/40, barrier 30/30"))
    }

    @Test func helpOverlayListsTheKeymapForTheView() throws {
        var h = try Harness()
        h.press(.char("?"))
        var screen = h.screen
        #expect(screen.contains("Help: Browse"))
        for binding in Keymap.help(for: [.tab(.browse)]).flatMap(\.bindings).prefix(12) {
            #expect(screen.contains(TextWidth.truncate(binding.help, to: 40, ellipsis: "")), "missing \(binding.help)")
        }
        h.press(.escape, .char("2"), .char("?"))
        screen = h.screen
        #expect(screen.contains("Help: Graph"))
        #expect(screen.contains("re-centre on the selected neighbour"))
        #expect(!screen.contains("follow the selected link"))
        // Scrolling (j as ↓) reaches the global keys; text-field keys, which do nothing here, are not listed.
        for _ in 0..<40 { h.press(.char("j")) }
        #expect(h.screen.contains("quit (asks when there are unsaved changes)"))
        #expect(!h.screen.contains("Ctrl-O"))
        h.press(.escape)
        #expect(!h.screen.contains("Help:"))
    }

    @Test func hintsComeFromTheKeymap() throws {
        var h = try Harness()
        #expect(h.hints.contains("L link"))
        #expect(h.hints.contains("d delete"))
        #expect(h.hints.contains("? help"))
        #expect(h.hints.contains("q quit"))
        #expect(h.hints.replacingTrailingSpaces() == " " + Keymap.hints(for: [.tab(.browse), .global], width: 79))
        h.press(.char("/"))
        #expect(h.hints.contains("Enter jump"))
        #expect(h.hints.contains("Esc cancel"))
    }

    @Test func resizeReflowsAndTooSmallKeepsState() throws {
        var h = try Harness()
        h.press(.char("/"))
        h.type("roma")
        h.press(.enter, .char("2"))
        h.resize(50, 12)
        #expect(h.screen.contains("terminal too small"))
        #expect(h.screen.contains("(need 60×16, have 50×12)"))
        h.press(.char("1"), .down)  // ignored while too small
        h.resize(120, 40)
        #expect(h.app.tab == .graph)
        #expect(h.screen.contains("┃[C] Roma communities"))
        #expect(h.buffer.width == 120)
        h.resize(60, 16)
        #expect(!h.screen.contains("too small"))
        #expect(h.screen.contains("[C] Roma"))
    }

    @Test func mouseSelectsTabsAndRows() throws {
        var h = try Harness()
        let graphTab = h.app.tabBarItems().first { $0.tab == .graph }!.range.lowerBound
        h.app.update(.mouse(MouseEvent(x: graphTab + 1, y: 0, action: .press)))
        #expect(h.app.tab == .graph)
        h.press(.char("1"))
        let nodes = BrowseView.layout(h.app.contentArea).nodes
        h.app.update(.mouse(MouseEvent(x: nodes.x + 2, y: nodes.y + 2, action: .press)))
        #expect(h.app.currentID == "roma")
        h.app.update(.mouse(MouseEvent(x: nodes.x + 2, y: nodes.y + 2, action: .scrollDown)))
        #expect(h.app.currentID == "carers")
        let kinds = BrowseView.layout(h.app.contentArea).kinds
        h.app.update(.mouse(MouseEvent(x: kinds.x + 2, y: kinds.y + 4, action: .press)))
        #expect(h.app.currentID == "proof-of-address")
    }

    @Test func wheelMovesThroughDialogsAndScrollsTheReviewCard() throws {
        var h = try Harness(width: 80, height: 16)
        let middle = MouseEvent(x: 40, y: 8, action: .scrollDown)
        // The kind picker of `a`: the wheel moves the choice, a click elsewhere does nothing.
        h.press(.char("a"))
        h.app.update(.mouse(middle))
        h.app.update(.mouse(middle))
        h.app.update(.mouse(MouseEvent(x: 1, y: 1, action: .press)))
        h.press(.enter)
        #expect(h.screen.contains("Add place"))
        h.press(.escape)
        #expect(h.app.modal == nil)
        // The help overlay scrolls.
        h.press(.char("?"))
        let top = h.screen
        h.app.update(.mouse(middle))
        #expect(h.screen != top)
        h.app.update(.mouse(MouseEvent(x: 40, y: 8, action: .scrollUp)))
        #expect(h.screen == top)
        h.press(.escape)
        // In Review the wheel scrolls a card too long for the screen.
        h.press(.char("4"))
        let card = h.screen
        h.app.update(.mouse(middle))
        #expect(h.screen != card)
        #expect(h.app.review.scroll == 1)
    }

    @Test func wideAndRightToLeftLabelsAreCutByDisplayWidth() throws {
        let text = """
            community ar "مجتمع اللاجئين والمهاجرين في وسط المدينة الكبيرة"
            community zh "中文社区中心中文社区中心中文社区中心中文社区中心"
            community emoji "👨‍👩‍👧 Families 😀😀😀😀😀😀😀😀😀😀😀😀😀😀"
            barrier b "障碍障碍障碍障碍障碍障碍障碍障碍障碍障碍"
            b -> zh affects
            b -> ar affects
            b -> emoji affects

            """
        for (width, height) in [(60, 16), (61, 17), (80, 24)] {
            var h = try Harness(text, width: width, height: height)
            for keys in [
                [Key.char("1")], [.down], [.down], [.char("2")], [.char("3")], [.char("1"), .char("/"), .char("中")],
            ] {
                h.press(keys[0])
                let buffer = h.buffer
                for y in 0..<buffer.height {
                    for x in 0..<buffer.width where TextWidth.of(buffer[x, y].text) == 2 {
                        #expect(
                            x + 1 < buffer.width && buffer[x + 1, y].isContinuation, "split wide character at \(x),\(y)"
                        )
                    }
                    for x in 0..<buffer.width where buffer[x, y].isContinuation {
                        #expect(x > 0 && TextWidth.of(buffer[x - 1, y].text) == 2, "orphan continuation at \(x),\(y)")
                    }
                }
            }
            #expect(h.screen.contains("中文社区"))
        }
        var h = try Harness(text)
        #expect(h.screen.contains("مجتمع اللاجئين"))
        h.press(.down, .down)
        #expect(h.screen.contains("👨‍👩‍👧 Families"))
    }

    @Test func bundledWalsallMapOpens() throws {
        let path = PackageRoot.url("maps/walsall.map").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var h = try Harness(text)
        #expect(!h.app.isReadOnly)
        #expect(h.screen.range(of: #"Communities +\d+"#, options: .regularExpression) != nil)
        h.press(.char("2"))
        #expect(h.screen.contains("┃[C]"))
        h.press(.char("3"))
        #expect(h.screen.contains("●"))
    }
}

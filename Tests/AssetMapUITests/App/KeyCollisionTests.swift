import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit

/// Keys without collisions: h j k l move everywhere and do nothing else; a letter that means one thing on
/// one tab and another elsewhere is said on that tab's hint line; Esc means one thing in each dialog, and
/// every hint of it agrees; `?` wraps and lists only the view's keys.
@Suite struct KeyCollisionTests {

    @Test(arguments: ScreenRegistry.all.map { $0.tab })
    func hjklMoveOnEveryTab(tab: Tab) {
        let scopes: [Scope] = [.tab(tab), .global]
        let moves: [(Character, Set<Action>)] = [
            ("h", [.left, .review(.previous)]), ("j", [.down]), ("k", [.up]), ("l", [.right, .review(.next)]),
        ]
        for (letter, allowed) in moves {
            let action = Keymap.action(for: .char(letter), in: scopes)
            #expect(action.map(allowed.contains) == true, "\(letter) on \(tab): \(String(describing: action))")
        }
    }

    @Test func noBindingGivesHjklAnotherMeaning() {
        let moving: Set<Action> = [.left, .right, .up, .down, .review(.previous), .review(.next)]
        for binding in Keymap.table where !binding.scopes.contains(.textField) {
            for key in binding.keys {
                guard case .char(let c) = key, "hjkl".contains(c) else { continue }
                #expect(moving.contains(binding.action), "\(c): \(binding.help)")
            }
        }
        #expect(Keymap.action(for: .char("L"), in: [.tab(.browse), .global]) == .link)
    }

    @Test(arguments: ScreenRegistry.all.map { $0.tab })
    func lettersThatMeanSomethingElseElsewhereAreOnTheHintLine(tab: Tab) throws {
        var h = try Harness(reviewSessionMap)
        h.press(.char(Character(String(tab.number))))
        let hints = h.hints
        for binding in Keymap.help(for: [.tab(tab)]).flatMap(\.bindings) {
            guard let key = binding.keys.first, Keymap.meansOtherElsewhere(key, in: .tab(tab)) else { continue }
            let hint = try #require(binding.hint, "\(key) on \(tab) means something else elsewhere and has no hint")
            #expect(hints.contains("\(key) \(hint)"), "\(key) on \(tab): \(hints)")
        }
    }

    @Test func reviewSaysWhatDIAndEMeanThere() throws {
        var h = try Harness(reviewSessionMap)
        #expect(h.hints.contains("d delete"))
        h.press(.char("4"))
        #expect(h.hints.contains("i impact"))
        #expect(h.hints.contains("e effort"))
        #expect(h.hints.contains("d due"))
    }

    /// Esc's word in a dialog: the keymap's hint, the app's hint line and the dialog's own line agree.
    func escape(_ h: Harness) -> [String] {
        let words = h.screen.split(separator: "\n").flatMap { line in
            line.components(separatedBy: "Esc ").dropFirst().map {
                $0.split(separator: " ").first.map(String.init) ?? ""
            }
        }
        return words
    }

    @Test func escHasOneMeaningPerDialogAndEveryHintAgrees() throws {
        var h = try Harness(reviewSessionMap, width: 100, height: 30)
        // The kinds of dialog a first day meets: a question while adding, a value picker, a prompt, the
        // attributes, the link search, the help.
        h.press(.char("a"), .down, .down, .down, .enter)
        h.type("Bus fares again")
        h.press(.enter)
        var words = Set(escape(h))
        #expect(words == ["skip"], "adding asks: \(words)")
        h.press(.escape, .escape)
        words = Set(escape(h))
        #expect(words == ["skip"], "\(words)")
        h.press(.escape, .escape)
        #expect(h.app.dialog == nil)
        for (keys, word) in [
            ([Key.char("e")], "close"), ([.char("L")], "cancel"), ([.char("r")], "cancel"), ([.char("?")], "close"),
            ([.char("4"), .char("D")], "cancel"),
        ] {
            h.press(.char("1"))
            for key in keys { h.press(key) }
            words = Set(escape(h))
            #expect(words == [word], "\(keys): \(words)")
            h.press(.escape)
            #expect(h.app.dialog == nil, "\(keys): Esc closes it")
        }
    }

    @Test func helpWrapsItsLinesAndListsOnlyTheViewsKeys() throws {
        var h = try Harness(reviewSessionMap)
        h.press(.char("4"), .char("?"))
        let screen = h.screen
        // The status key's help is longer than the box: wrapped, not cut.
        #expect(screen.contains("status: next (open → discussed → agreed →"))
        #expect(screen.contains("resolved → parked)"))
        // Text-field keys act in prompts, not in the Review tab.
        #expect(!screen.contains("Text fields"))
        #expect(!screen.contains("cursor left"))
    }
}

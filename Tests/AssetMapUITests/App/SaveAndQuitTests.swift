import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit

@Suite struct SaveAndQuitTests {
    @Test func savingAnAttributeChangeWritesOneLine() throws {
        var h = try Harness()
        h.press(.char("/"))
        h.type("Migrant Centre")
        h.press(.enter, .char("e"), .enter, .ctrl("u"))
        h.type("Tuesdays")
        h.press(.enter, .escape, .char("s"))
        #expect(h.status.contains("Saved test.map"))
        #expect(!h.status.contains("[+]"))
        let old = sampleMap.split(separator: "\n", omittingEmptySubsequences: false)
        let new = h.fileText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(old.count == new.count)
        let changed = zip(old, new).filter { $0 != $1 }
        #expect(changed.count == 1)
        #expect(changed.first?.1 == "  when: Tuesdays")
        // Undo after saving marks the map unsaved again.
        h.press(.char("u"))
        #expect(h.status.contains("[+]"))
    }

    @Test func quitAsksWhenUnsaved() throws {
        var h = try Harness()
        h.press(.char("q"))
        #expect(h.app.isFinished)

        h = try Harness()
        h.press(.char("r"))
        h.type("!")
        h.press(.enter, .char("q"))
        #expect(!h.app.isFinished)
        #expect(h.screen.contains("Save changes to test.map before quitting?"))
        #expect(h.hints.contains("y save"))
        #expect(h.screen.contains("y save   n discard   c cancel"))
        h.press(.char("c"))
        #expect(!h.app.isFinished)
        #expect(h.app.hasUnsavedChanges)
        #expect(h.app.recoveryText() == h.documentText)
        h.press(.ctrl("c"))
        #expect(h.screen.contains("Save changes"))
        h.press(.char("d"))
        #expect(h.app.isFinished)
        #expect(h.fileText == sampleMap)
    }

    @Test func quitWithSave() throws {
        var h = try Harness()
        h.press(.char("r"))
        h.type("!")
        h.press(.enter, .char("q"), .char("s"))
        #expect(h.app.isFinished)
        #expect(h.fileText.contains("\"Refugees and people seeking asylum!\""))
        #expect(h.app.recoveryText() == nil)
    }

    /// The question is a yes/no one, so y and n answer it (s and d still work).
    @Test func quitPromptTakesYesAndNo() throws {
        var h = try Harness()
        h.press(.char("r"))
        h.type("!")
        h.press(.enter, .char("q"), .char("n"))
        #expect(h.app.isFinished)
        #expect(h.fileText == sampleMap)
        h = try Harness()
        h.press(.char("r"))
        h.type("?")
        h.press(.enter, .char("q"), .char("y"))
        #expect(h.app.isFinished)
        #expect(h.fileText.contains("\"Refugees and people seeking asylum?\""))
    }

    @Test func fileChangedOnDiskAsksBeforeSaving() throws {
        var h = try Harness()
        h.press(.char("r"))
        h.type("!")
        h.press(.enter)
        let theirs = sampleMap + "community newcomers \"Added by someone else\"\n"
        try Data(theirs.utf8).write(to: URL(fileURLWithPath: h.path))
        h.press(.char("s"))
        #expect(h.screen.contains("test.map changed on disk since it was opened or saved."))
        h.press(.char("c"))
        #expect(h.status.contains("Not saved"))
        #expect(h.fileText == theirs)

        // Overwrite keeps our version.
        h.press(.char("s"), .char("o"))
        #expect(h.fileText == h.documentText)
        #expect(!h.fileText.contains("newcomers"))

        // Reload takes theirs and drops ours.
        try Data(theirs.utf8).write(to: URL(fileURLWithPath: h.path))
        h.press(.char("r"))
        h.type("?")
        h.press(.enter, .char("s"), .char("r"))
        #expect(h.documentText == theirs)
        #expect(!h.app.hasUnsavedChanges)
        #expect(h.status.contains("Reloaded"))
    }

    @Test func mapWithErrorsIsReadOnly() throws {
        let broken = sampleMap + "community \"no id\"\nnobody -> refugees affects\n"
        var h = try Harness(broken, width: 120, height: 40)
        #expect(h.app.isReadOnly)
        let screen = h.screen
        #expect(screen.contains("it is open read-only"))
        #expect(screen.range(of: #"test\.map:\d+:\d+: error: "#, options: .regularExpression) != nil)
        #expect(h.status.contains("[read-only]"))
        h.press(.escape)
        // Browsing still works; edits and saving are refused.
        #expect(h.screen.contains("Refugees and people"))
        for key in [Key.char("a"), .char("r"), .char("e"), .char("L"), .char("d"), .char("M"), .char("s")] {
            h.press(key)
            #expect(h.status.contains("Read-only"), "\(key)")
        }
        #expect(h.fileText == broken)
        h.press(.char("!"))
        #expect(h.screen.contains("Errors"))
    }
}

@Suite struct ExampleCopySaveTests {
    @Test func theFirstSaveAsksWhereAndNeverWritesOverTheExampleOrAnotherFile() throws {
        var h = try Harness()
        h.app.savesAsCopy = true
        let original = h.fileText
        #expect(h.status.contains("test.map [a copy of the example]"))
        h.press(.char("a"))
        h.press(.enter)
        h.type("Night shelter")
        h.press(.enter, .escape, .escape)  // a community: core20 and plus skipped
        #expect(h.status.contains("[+] [a copy of the example]"))
        h.press(.char("s"))
        #expect(h.screen.contains("Save your copy"))
        let prompt = try #require(h.app.dialog as? TextPrompt, "no save prompt")
        #expect(prompt.field.text == "walsall.map")
        // An existing file is refused, the prompt stays.
        h.press(.ctrl("u"))
        h.type(h.path)
        h.press(.enter)
        #expect(h.app.message?.contains("already exists; choose another name") == true)
        let copy = (h.path as NSString).deletingLastPathComponent + "/mine.map"
        h.press(.ctrl("u"))
        h.type(copy)
        h.press(.enter)
        #expect(h.app.modal == nil)
        #expect(h.status.contains("Saved mine.map"))
        #expect(!h.status.contains("a copy of the example"))
        #expect(h.fileText == original)
        #expect(try String(contentsOfFile: copy, encoding: .utf8).contains("Night shelter"))
        // Later saves go to the copy without asking.
        h.press(.char("u"), .char("s"))
        #expect(h.status.contains("Saved mine.map"))
        #expect(!(try String(contentsOfFile: copy, encoding: .utf8)).contains("Night shelter"))
    }
}

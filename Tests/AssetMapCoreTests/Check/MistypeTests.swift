import Testing

@testable import AssetMapCore

/// What people mistype by hand, which `check` must name at its line and column (issue 25).
@Suite struct MistypeTests {
    func diagnostics(_ text: String) -> [String] {
        MapDocument(text: text).check().map { $0.formatted(file: "m.map") }
    }

    /// Every barrier linked both ways, so only the line under test warns.
    func map(barrier attributes: String) -> String {
        """
        community c "C"
        barrier b "B"
        \(attributes)
        improvement i "I"
        b -> c affects
        i -> b addresses

        """
    }

    @Test func aKeyOneSlipFromAReadKeySaysWhichItMeant() {
        #expect(
            diagnostics(map(barrier: "  staus: agreed\n  clincal: smi")) == [
                "m.map:3:3: warning: unknown key 'staus' for a barrier (did you mean 'status'?): AssetMap reads only 'status'",
                "m.map:4:3: warning: unknown key 'clincal' for a barrier (did you mean 'clinical'?): AssetMap reads only 'clinical'",
            ])
    }

    @Test(arguments: ["note", "notes", "when", "source", "private-staus", "offers", "stats-page"])
    func keysOfOnesOwnAreLeftAlone(key: String) {
        #expect(diagnostics(map(barrier: "  \(key): anything")) == [])
    }

    @Test func votesMustBeAWholeNumber() {
        #expect(
            diagnostics(map(barrier: "  votes: nine")) == [
                "m.map:3:10: warning: votes 'nine' is not a whole number; write digits, e.g. votes: 3"
            ])
        #expect(diagnostics(map(barrier: "  votes: 9")) == [])
    }

    @Test func dueMustBeAnISODateAndTheMeantOneIsSuggested() {
        #expect(
            diagnostics(map(barrier: "  due: 31/12/2026")) == [
                "m.map:3:8: warning: due '31/12/2026' is not a date written YYYY-MM-DD (did you mean 2026-12-31?); a date in another form is not read"
            ])
        #expect(diagnostics(map(barrier: "  due: 2026-12-31")) == [])
    }

    @Test func aSecondLineOfAOneValueKeyIsNamed() {
        #expect(
            diagnostics(map(barrier: "  due: 2026-12-31\n  status: open\n  due: 2027-01-31")) == [
                "m.map:5:3: warning: second 'due' for this barrier: only the first (line 3) counts; remove one"
            ])
        // Repeated keys that are meant to repeat stay quiet.
        #expect(diagnostics(map(barrier: "  review: 2026-10-01 one\n  review: 2026-11-01 two")) == [])
    }

    @Test func indentationOtherThanTwoSpacesIsOneWarningAtTheFirstLine() {
        #expect(
            diagnostics(map(barrier: "\tstatus: open\n    votes: 3\n  owner: Healthwatch")) == [
                "m.map:3:1: warning: attribute indented with a tab, not two spaces (assetmap fmt re-indents the map) … and 1 more line indented otherwise"
            ])
        #expect(diagnostics(map(barrier: "  note: one\n  + continued")) == [])
    }

    @Test func anUnknownIDIsOneErrorCountingTheLinksAfterIt() {
        let text = """
            community lgbtq-people "LGBTQ+ people"
            barrier b1 "B1"
            barrier b2 "B2"
            improvement i "I"
            b1 -> lgbtq affects
            b2 -> lgbtq affects
            i -> b1 addresses
            i -> b2 addresses
            lgbtq -> i trusts

            """
        #expect(
            diagnostics(text).filter { $0.contains("error") } == [
                "m.map:5:7: error: edge to unknown id 'lgbtq' … and 2 more links to 'lgbtq' (lines 6, 9)"
            ])
    }

    /// The command line's warnings about one record (after `set`) include the new ones.
    @Test func warningsAboutOneRecordIncludeAMistypedKey() {
        let document = MapDocument(text: map(barrier: "  staus: agreed"))
        #expect(document.warnings(about: .node("b")).map(\.message).first?.contains("did you mean 'status'") == true)
    }
}

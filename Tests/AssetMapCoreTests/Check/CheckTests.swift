import Testing
@testable import AssetMapCore

@Suite struct CheckMessages {
    func diagnostics(_ text: String) -> [String] {
        MapDocument(text: text).check().map { $0.formatted(file: "m.map") }
    }

    /// A well-linked map: every barrier affects a community and is addressed.
    let clean = """
        community c "C"
          core20: yes
        barrier b "B"
          status: open
          dimension: affordability
          clinical: smi, asthma
        improvement i "I"
          status: in-progress
        b -> c affects
        i -> b addresses

        """

    @Test func cleanMapHasNoDiagnostics() {
        #expect(diagnostics(clean) == [])
    }

    @Test func duplicateIDPointsAtTheSecondID() {
        let text = clean + "organisation   c \"Another C\"\n"
        #expect(
            diagnostics(text) == [
                "m.map:11:16: error: duplicate id 'c': already used by community \"C\" on line 1"
            ])
    }

    @Test func edgeToUnknownIDSuggestsTheClosest() {
        let text = clean + "i -> cc trusts\nzzz -> c helps\n"
        #expect(
            diagnostics(text) == [
                "m.map:11:6: error: edge to unknown id 'cc' (did you mean 'c'?)",
                "m.map:12:1: error: edge from unknown id 'zzz'",
            ])
    }

    @Test func duplicateEdgeNamesTheFirstLine() {
        let text = clean + "b -> c \"affects\"\nb -> c other\n"
        #expect(diagnostics(text) == ["m.map:11:1: error: duplicate edge b -> c affects (first on line 9)"])
    }

    @Test func syntaxErrorsComeWithSemanticOnesInPositionOrder() {
        let text = clean + "i -> nowhere helps\ncommunity d \"D\" extra\n"
        #expect(
            diagnostics(text) == [
                "m.map:11:6: error: edge to unknown id 'nowhere'",
                "m.map:12:17: error: unexpected 'extra' at the end of the record",
            ])
    }

    @Test func vocabularyWarningsPointAtTheWord() {
        let text =
            clean
            .replacingOccurrences(of: "status: open", with: "status:  opem")
            .replacingOccurrences(of: "clinical: smi, asthma", with: "clinical: smi,  asthmaa, cancer")
            .replacingOccurrences(of: "core20: yes", with: "core20: maybe")
            .replacingOccurrences(of: "dimension: affordability", with: "dimension: afordability")
            .replacingOccurrences(of: "status: in-progress", with: "status: Done")
        #expect(
            diagnostics(text) == [
                "m.map:2:11: warning: unknown core20 'maybe' for a community; expected one of: yes, no",
                "m.map:4:12: warning: unknown status 'opem' for a barrier (did you mean 'open'?)",
                "m.map:5:14: warning: unknown dimension 'afordability' for a barrier (did you mean 'affordability'?)",
                "m.map:6:19: warning: unknown clinical 'asthmaa' for a barrier (did you mean 'asthma'?)",
                "m.map:8:11: warning: unknown status 'Done' for an improvement (did you mean 'done'?)",
            ])
    }

    @Test func impactAndEffortAreHighOrLowOnABarrier() {
        let text = """
            barrier b "B"
              impact: medium
              effort: low
            community c "C"
              impact: medium

            """
        #expect(
            diagnostics(text).filter { $0.contains("unknown") } == [
                "m.map:2:11: warning: unknown impact 'medium' for a barrier; expected one of: high, low"
            ])
        #expect(
            Vocabulary.groups(kind: "barrier", key: "clinical")?.map(\.words) == [
                Vocabulary.clinicalAdult, Vocabulary.clinicalChildren,
            ])
        #expect(Vocabulary.groups(kind: "barrier", key: "effort")?.map(\.words) == [["high", "low"]])
        #expect(Vocabulary.groups(kind: "community", key: "note") == nil)
    }

    @Test func clinicalListOverContinuationLinesAndUnicodeColumns() {
        let text = """
            community c "Café"
              clinical: cancer,
              + smi, épilepsy
            c -> c self

            """
        #expect(
            diagnostics(text) == [
                "m.map:3:10: warning: unknown clinical 'épilepsy' for a community (did you mean 'epilepsy'?)"
            ])
    }

    @Test func barrierWarnings() {
        let text = """
            community c "C"
            barrier lonely "Nobody linked"
            barrier b "B"
            organisation o "O"
            b -> o affects

            """
        #expect(
            diagnostics(text) == [
                "m.map:1:11: warning: community 'c' has no edges",
                "m.map:2:9: warning: barrier 'lonely' has no edges: link it to the communities it affects and the improvements that address it",
                "m.map:3:9: warning: barrier 'b' affects no community (add e.g. b -> COMMUNITY affects)",
                "m.map:3:9: warning: no improvement addresses barrier 'b' (add e.g. IMPROVEMENT -> b addresses)",
            ])
    }

    @Test func anEdgeEitherWayCounts() {
        let text = "community c \"C\"\nbarrier b \"B\"\nimprovement i \"I\"\nc -> b faces\nb -> i \"is addressed by\"\n"
        #expect(diagnostics(text) == [])
    }

    @Test func errorsMakeHasErrorsTrueWarningsDoNot() {
        #expect(!MapDocument(text: "community c \"C\"\n").check().hasErrors)
        #expect(MapDocument(text: "c -> d x\n").check().hasErrors)
    }
}

/// Found by the fuzzer: a blank or comment line between continuation lines gave a negative column on the wrong line.
@Suite struct ContinuationPositions {
    @Test func aWordOnAContinuationLineAfterABlankOrCommentLineIsPlacedOnItsOwnLine() {
        for between in ["", "# a comment", "  "] {
            let document = MapDocument(text: "barrier b \"B\"\n  clinical: smi\n\(between)\n  + nonsense\n")
            let warning = document.check().first { $0.message.hasPrefix("unknown clinical 'nonsense'") }
            #expect(warning.map { "\($0.line):\($0.column)" } == "4:5", "\(between)")
        }
    }

    // Found by the CI fuzz smoke: "+" followed by a combining mark is one Character, so the `+` line was
    // skipped and the column came out negative.
    @Test func aContinuationLineStartingWithACombiningMarkKeepsItsLineAndAPositiveColumn() {
        for after in ["+\u{300}", "+ \u{300}", "+\u{591}"] {
            let document = MapDocument(text: "barrier b \"B\"\n  clinical: smi\n  \(after)nonsense\n")
            let warning = document.check().first { $0.message.hasPrefix("unknown clinical") }
            #expect(warning?.line == 3, "\(after.unicodeScalars.map(\.value))")
            #expect((warning?.column ?? 0) >= 1 && (warning?.column ?? 0) <= 5, "\(after.unicodeScalars.map(\.value))")
        }
    }
}

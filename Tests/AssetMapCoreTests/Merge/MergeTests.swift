import Testing
@testable import AssetMapCore

/// Three-way merge on known content: what each side did is kept, our layout stays, and disagreements
/// become `conflict:` lines that load and that `check` names.
@Suite struct ThreeWayMergeTests {
    static let base = """
        # Sites map
        map "Borough map"

        # ── Communities
        community refugees "Refugees"
          plus: yes

        community roma "Roma communities"

        # ── Barriers
        barrier poa "Proof of address"
          status: open
          review: 2026-09-16 Heard from three communities.

        refugees -> roma "meets"
        poa -> refugees affects

        """

    static func merged(_ ours: String, _ theirs: String, base: String = base) throws -> (MapDocument, MergeResult) {
        var document = MapDocument(text: ours)
        let result = try document.merge(base: MapDocument(text: base), theirs: MapDocument(text: theirs))
        let written = result.mergedData(of: document)
        document.apply(result.change)
        #expect(written == document.data)
        // The incremental update after the merge's splices gives what a fresh parse gives.
        let fresh = MapDocument(text: document.text).graph
        #expect(document.graph.nodes == fresh.nodes)
        #expect(document.graph.edges == fresh.edges)
        return (document, result)
    }

    @Test func twoSitesEditingTheSameMapMergeCleanKeepingEveryEdit() throws {
        let ours = Self.base
            .replacingOccurrences(of: "  plus: yes\n", with: "  plus: yes\n  core20: yes\n")
            .replacingOccurrences(
                of: "Heard from three communities.\n",
                with: "Heard from three communities.\n  review: 2026-10-01 Ours: talked to the practice.\n"
            )
            .replacingOccurrences(
                of: "community roma \"Roma communities\"\n",
                with: "community roma \"Roma communities\"\n\ncommunity carers \"Carers\"\n"
            )
            .replacingOccurrences(
                of: "poa -> refugees affects\n", with: "poa -> refugees affects\npoa -> carers affects\n")
        let theirs = Self.base
            .replacingOccurrences(of: "  plus: yes\n", with: "  plus: yes\n  note: housed in hotels\n")
            .replacingOccurrences(
                of: "Heard from three communities.\n",
                with: "Heard from three communities.\n  review: 2026-10-02 Theirs: cards printed.\n"
            )
            .replacingOccurrences(
                of: "community roma \"Roma communities\"\n",
                with: "community roma \"Roma communities\"\n\ncommunity veterans \"Veterans\"\n"
            )
            .replacingOccurrences(
                of: "poa -> refugees affects\n", with: "poa -> refugees affects\npoa -> veterans affects\n"
            )
            .replacingOccurrences(of: "# ── Barriers", with: "# ── Barriers (reviewed in October)")
        let (document, result) = try Self.merged(ours, theirs)
        #expect(result.conflicts.isEmpty)
        #expect(
            document.text
                == """
                # Sites map
                map "Borough map"

                # ── Communities
                community refugees "Refugees"
                  plus: yes
                  core20: yes
                  note: housed in hotels

                community roma "Roma communities"

                community carers "Carers"

                community veterans "Veterans"

                # ── Barriers (reviewed in October)
                barrier poa "Proof of address"
                  status: open
                  review: 2026-09-16 Heard from three communities.
                  review: 2026-10-01 Ours: talked to the practice.
                  review: 2026-10-02 Theirs: cards printed.

                refugees -> roma meets
                poa -> refugees affects
                poa -> carers affects
                poa -> veterans affects

                """.replacingOccurrences(of: "roma meets", with: "roma \"meets\""))
        #expect(!document.check().hasErrors)
    }

    @Test func theSameFieldChangedTwoWaysIsAConflictThatLoadsAndIsNamed() throws {
        let ours = Self.base.replacingOccurrences(of: "status: open", with: "status: agreed")
        let theirs = Self.base.replacingOccurrences(of: "status: open", with: "status: resolved")
        let (document, result) = try Self.merged(ours, theirs)
        #expect(
            result.conflicts == [
                RecordConflict(
                    record: .node("poa"),
                    conflict: FieldConflict(.attribute("status"), ours: "agreed", theirs: "resolved"))
            ])
        #expect(
            document.text.contains(
                """
                  status: agreed
                  conflict: status
                  + ours: agreed
                  + theirs: resolved
                  review: 2026-09-16
                """))
        let errors = document.check().filter { $0.severity == .error }
        #expect(
            errors == [
                Diagnostic(
                    .error, line: 13, column: 3,
                    "merge conflict on poa: status: ours \"agreed\", theirs \"resolved\"; keep one with assetmap resolve, or edit the record and delete this line"
                )
            ])

        var keepTheirs = document
        keepTheirs.apply(try keepTheirs.resolve(keepTheirs.conflicts[0], keeping: .theirs))
        #expect(keepTheirs.text == Self.base.replacingOccurrences(of: "status: open", with: "status: resolved"))
        var keepOurs = document
        let change = try keepOurs.resolve(keepOurs.conflicts[0], keeping: .ours)
        keepOurs.apply(change)
        #expect(keepOurs.text == ours)
        keepOurs.apply(change.inverse)
        #expect(keepOurs.text == document.text)
    }

    @Test func deleteAgainstEditAndALinkToADeletedNodeKeepTheNodeInConflict() throws {
        // Ours deleted roma (and its edge); theirs linked to it.
        var oursDocument = MapDocument(text: Self.base)
        oursDocument.apply(try oursDocument.removeNode("roma"))
        let theirs = Self.base + "poa -> roma affects\n"
        let (document, result) = try Self.merged(oursDocument.text, theirs)
        #expect(result.conflicts.map(\.record) == [.node("roma")])
        #expect(document.graph.node("roma") != nil)
        #expect(document.graph.edgeIndex(from: "poa", to: "roma", relation: "affects") != nil)
        // The edge ours deleted with the node stays deleted.
        #expect(document.graph.edgeIndex(from: "refugees", to: "roma") == nil)
        let found = try #require(document.conflicts.first)
        #expect(found.conflict == FieldConflict(.deleted, ours: nil, theirs: "kept it, linked by poa -> roma affects"))
        var deleted = document
        deleted.apply(try deleted.resolve(found, keeping: .ours))
        #expect(deleted.graph.node("roma") == nil && deleted.graph.edges.count == 1)
        #expect(!deleted.check().hasErrors)
    }

    @Test func theirRemovalOfARecordOursLeftAloneIsTaken() throws {
        var theirs = MapDocument(text: Self.base)
        theirs.apply(try theirs.removeNode("roma"))
        let ours = Self.base.replacingOccurrences(of: "status: open", with: "status: agreed")
        let (document, result) = try Self.merged(ours, theirs.text)
        #expect(result.conflicts.isEmpty)
        #expect(document.graph.node("roma") == nil)
        #expect(document.graph.node("poa")?.value("status") == "agreed")
    }

    @Test func bothAddingOneIdWithDifferentLabelsIsALabelConflict() throws {
        let ours = Self.base + "organisation rmc \"Refugee and Migrant Centre\"\n"
        let theirs = Self.base + "organisation rmc \"RMC Walsall\"\n  offers: advice\n"
        let (document, result) = try Self.merged(ours, theirs)
        #expect(
            result.conflicts.map(\.conflict) == [
                FieldConflict(.head("label"), ours: "Refugee and Migrant Centre", theirs: "RMC Walsall")
            ])
        #expect(document.graph.node("rmc")?.value("offers") == "advice")
        var resolved = document
        resolved.apply(try resolved.resolve(resolved.conflicts[0], keeping: .theirs))
        #expect(resolved.graph.node("rmc")?.label == "RMC Walsall")
        #expect(resolved.conflicts.isEmpty)
    }

    @Test func crlfOursKeepsItsLineEndingsForLinesFromTheirs() throws {
        let ours = Self.base.replacingOccurrences(of: "\n", with: "\r\n")
        let theirs = Self.base.replacingOccurrences(of: "plus: yes", with: "plus: no")
        let (document, _) = try Self.merged(ours, theirs)
        #expect(document.text == ours.replacingOccurrences(of: "plus: yes", with: "plus: no"))
    }

    @Test func crlfOursWithoutAFinalNewlineGetsTheirLinesAtTheEndWithoutAStrayCR() throws {
        let ours = String(Self.base.replacingOccurrences(of: "\n", with: "\r\n").dropLast(2))
        let theirs = Self.base + "refugees -> poa \"raised\"\n"
        let (document, result) = try Self.merged(ours, theirs)
        #expect(result.taken == 1)
        #expect(document.text == ours + "\r\nrefugees -> poa \"raised\"")
    }

    @Test func aVersionWithASyntaxErrorIsRefused() throws {
        let broken = Self.base + "community \"no id\n"
        #expect(throws: MergeRefusal.self) {
            try MapDocument(text: Self.base).merge(
                base: MapDocument(text: Self.base), theirs: MapDocument(text: broken))
        }
    }

    @Test func multiLineValuesSurviveTheConflictLine() throws {
        let conflict = FieldConflict(.attribute("note"), ours: "first\n  indented\n\nlast", theirs: nil)
        #expect(FieldConflict(encoded: conflict.encoded) == conflict)
        let label = FieldConflict(.head("label"), ours: "A", theirs: "B: \"quoted\"")
        #expect(FieldConflict(encoded: label.encoded) == label)
        #expect(FieldConflict(encoded: "status\nours: a") == nil)
    }
}

@Suite struct MapDiffTests {
    @Test func changesRecordByRecord() throws {
        let old = MapDocument(text: ThreeWayMergeTests.base)
        var new = old
        new.apply(try new.setAttribute(.node("poa"), key: "status", value: "agreed"))
        new.apply(try new.addAttribute(.node("poa"), key: "review", value: "2026-10-14 Agreed."))
        new.apply(try new.renameNode("refugees", label: "Refugees and asylum seekers"))
        new.apply(try new.changeID("roma", to: "roma-gypsy-traveller"))
        new.apply(try new.removeAttribute(.node("refugees"), key: "plus"))
        new.apply(
            try new.addNode(kind: "organisation", id: "rmc", label: "RMC", attributes: [("offers", "advice\ncasework")])
        )
        new.apply(try new.link(from: "rmc", to: "refugees", relation: "supports"))
        let changes = MapDiff.changes(from: old, to: new)
        #expect(
            MapDiff.text(changes)
                == """
                changed  refugees  label: "Refugees" → "Refugees and asylum seekers"
                unset    refugees  plus: yes
                re-id    roma → roma-gypsy-traveller
                changed  poa  status: open → agreed
                set      poa  review: 2026-10-14 Agreed.
                added    organisation rmc "RMC"
                           offers: advice
                           + casework
                added    rmc -> refugees supports
                2 nodes added, 1 re-identified, 2 changed; 1 edge added

                """.replacingOccurrences(of: "2 nodes added", with: "1 node added"))
        #expect(MapDiff.changes(from: old, to: old).isEmpty)
        #expect(MapDiff.summary([]) == "no changes")
    }
}

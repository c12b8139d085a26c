import Foundation
import Testing
import AssetMapTestSupport

/// `resolve --ours` after one side deleted a node the other changed keeps the node with its links.
@Suite struct DeleteAgainstEditConflict {
    static let base = """
        map "M"

        community c "Community"

        organisation o "Org"

        place p "Place"
          when: Mondays

        barrier b "Barrier"

        c -> p "gathers at"
        o -> p runs
        b -> c affects
        p -> o hosts

        """

    static let edited = base.replacingOccurrences(of: "  when: Mondays\n", with: "  when: Tuesdays\n")
    static let deleted = """
        map "M"

        community c "Community"

        organisation o "Org"

        barrier b "Barrier"

        b -> c affects

        """

    @Test(arguments: [true, false])
    func keepingTheChangedNodeKeepsItsLinks(oursChangedIt: Bool) throws {
        let dir = try TemporaryFolder()
        try dir.write("base.map", Self.base)
        try dir.write("ours.map", oursChangedIt ? Self.edited : Self.deleted)
        try dir.write("theirs.map", oursChangedIt ? Self.deleted : Self.edited)
        let merge = try dir.run("merge-file", "base.map", "ours.map", "theirs.map")
        #expect(merge.status == 1, "\(merge.stdout)\(merge.stderr)")
        let side = oursChangedIt ? "--ours" : "--theirs"
        let resolved = try dir.run("resolve", "ours.map", "p", side)
        #expect(resolved.status == 0, "\(resolved.stderr)")
        let text = try dir.read("ours.map")
        for link in ["c -> p \"gathers at\"", "o -> p runs", "p -> o hosts", "when: Tuesdays"] {
            #expect(text.contains(link), "\(link) lost:\n\(text)")
        }
        #expect(try dir.run("check", "ours.map").status == 0)
    }

    /// Keeping the deletion removes the node and its links alike.
    @Test func keepingTheDeletionRemovesTheLinksToo() throws {
        let dir = try TemporaryFolder()
        try dir.write("base.map", Self.base)
        try dir.write("ours.map", Self.edited)
        try dir.write("theirs.map", Self.deleted)
        #expect(try dir.run("merge-file", "base.map", "ours.map", "theirs.map").status == 1)
        #expect(try dir.run("resolve", "ours.map", "p", "--theirs").status == 0)
        let text = try dir.read("ours.map")
        #expect(!text.contains("place p") && !text.contains("-> p") && !text.contains("p ->"), "\(text)")
        #expect(try dir.run("check", "ours.map").status == 0)
    }
}

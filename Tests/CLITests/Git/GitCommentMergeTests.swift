import Foundation
import Testing

/// Comments inside records through a real `git merge`: their changes are taken where ours left the comment as it
/// was, each comment run following the attribute below it; both sides changing one comment keeps both, no markers.
@Suite struct GitCommentMerge {
    static let map = """
        # Borough map
        map "Borough map"

        barrier poa "Proof of address"
          # Raised by the refugee forum
          status: open
          review: 2026-09-16 Heard from three communities.

        improvement cards "Registration cards"
          # Printed by the council
          status: proposed
          owner: Council

        cards -> poa addresses

        """

    /// Site A's edits committed on main, site B's on a branch from the same start; then `git merge site-b` on main.
    static func merge(siteA: (String) -> String, siteB: (String) -> String) throws -> (Repository, CLI.Result) {
        let repo = try Repository()
        try repo.dir.write("borough.map", map)
        #expect(try repo.assetmap("git-setup").status == 0)
        try repo.commit("the map")
        try repo.git("branch", "site-b")
        try repo.dir.write("borough.map", siteA(map))
        try repo.commit("site A")
        try repo.git("checkout", "-q", "site-b")
        try repo.dir.write("borough.map", siteB(map))
        try repo.commit("site B")
        try repo.git("checkout", "-q", "main")
        return (repo, try repo.git("merge", "--no-edit", "site-b"))
    }

    @Test func theirCommentChangesInsideRecordsAreTakenWhereOursLeftThem() throws {
        let (repo, merge) = try Self.merge(
            siteA: {
                $0.replacingOccurrences(of: "status: open", with: "status: agreed")
                    .replacingOccurrences(of: "# Printed by the council", with: "# Printed by the council in November")
            },
            siteB: {
                $0.replacingOccurrences(
                    of: "# Raised by the refugee forum", with: "# Raised by the refugee forum and two practices"
                )
                .replacingOccurrences(
                    of: "  review: 2026-09-16", with: "  # Agreed at the October session\n  review: 2026-09-16"
                )
                .replacingOccurrences(
                    of: "three communities.\n",
                    with: "three communities.\n  # Named at the LMC\n  owner: ICB primary care\n"
                )
                .replacingOccurrences(
                    of: "  owner: Council", with: "  # The council holds the budget\n  owner: Council"
                )
                .replacingOccurrences(of: "status: proposed", with: "status: in-progress")
            })
        #expect(merge.status == 0)
        #expect(
            try repo.dir.read("borough.map") == """
                # Borough map
                map "Borough map"

                barrier poa "Proof of address"
                  # Raised by the refugee forum and two practices
                  status: agreed
                  # Agreed at the October session
                  review: 2026-09-16 Heard from three communities.
                  # Named at the LMC
                  owner: ICB primary care

                improvement cards "Registration cards"
                  # Printed by the council in November
                  status: in-progress
                  # The council holds the budget
                  owner: Council

                cards -> poa addresses

                """)
        #expect(try repo.git("status", "--porcelain").stdout == "")
        #expect(!(try repo.assetmap("check", "borough.map").stdout.contains("error")))
    }

    @Test func aCommentBothSidesChangedKeepsBothWithoutMarkers() throws {
        let (repo, merge) = try Self.merge(
            siteA: {
                $0.replacingOccurrences(
                    of: "# Raised by the refugee forum", with: "# Raised by the refugee forum (Walsall)")
            },
            siteB: {
                $0.replacingOccurrences(
                    of: "# Raised by the refugee forum", with: "# Raised by the refugee forum and two practices"
                )
                .replacingOccurrences(of: "status: open", with: "status: parked")
            })
        #expect(merge.status == 0)
        #expect(merge.stdout.contains("borough.map: poa: a comment changed on both sides; both kept"))
        let text = try repo.dir.read("borough.map")
        #expect(
            text.contains(
                """
                barrier poa "Proof of address"
                  # Raised by the refugee forum (Walsall)
                  # Raised by the refugee forum and two practices
                  status: parked
                  review: 2026-09-16 Heard from three communities.

                """))
        #expect(!text.contains("<<<<<<<") && !text.contains("conflict:"))
        #expect(!(try repo.assetmap("check", "borough.map").stdout.contains("error")))
    }
}

import AssetMapCore
import Foundation
import Testing
import AssetMapTestSupport

/// `assetmap history` over a real git repository whose commits have known dates, and without git.
@Suite struct ImpactHistoryCommand {
    static let september = """
        map "Site"

        community roma "Roma communities"

        barrier poa "Proof of address"
          clinical: cancer
          review: 2026-09-16 Heard from three communities.

        poa -> roma affects

        """

    /// Three commits: September (poa raised), October (poa agreed, an improvement proposed, a second barrier),
    /// November (poa resolved, the improvement done, the second barrier parked).
    static func repository() throws -> Repository {
        let repo = try Repository()
        func commit(_ text: String, on date: String) throws {
            try repo.dir.write("site.map", text)
            try repo.git("add", "-A")
            try repo.git("-c", "user.useConfigOnly=false", "commit", "-q", "-m", date, "--date", "\(date)T12:00:00")
        }
        try commit(Self.september, on: "2026-09-20")
        let october = Self.september
            .replacingOccurrences(of: "  clinical: cancer\n", with: "  clinical: cancer\n  status: agreed\n")
            .replacingOccurrences(
                of: "poa -> roma affects\n",
                with: """
                    barrier dentist "No NHS dentist"
                      clinical: oral-health

                    improvement cards "Registration cards"

                    poa -> roma affects
                    dentist -> roma affects
                    cards -> poa addresses

                    """)
        try commit(october, on: "2026-10-14")
        try commit(
            october.replacingOccurrences(of: "status: agreed", with: "status: resolved")
                .replacingOccurrences(
                    of: "improvement cards \"Registration cards\"\n",
                    with: "improvement cards \"Registration cards\"\n  status: done\n"
                )
                .replacingOccurrences(
                    of: "  clinical: oral-health\n", with: "  clinical: oral-health\n  status: parked\n"),
            on: "2026-11-03")
        return repo
    }

    @Test func everyRevisionIsReadMonthByMonth() throws {
        let repo = try Self.repository()
        let csv = try repo.assetmap("history", "site.map", "--format", "csv")
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).prefix(7).joined(separator: ",")
        }
        #expect(
            rows == [
                "date,month,record,kind,label,event,detail",
                "2026-09-16,2026-09,poa,barrier,Proof of address,raised,",
                "2026-09-16,2026-09,poa,barrier,Proof of address,note,Heard from three communities.",
                "2026-10-14,2026-10,cards,improvement,Registration cards,proposed,",
                "2026-10-14,2026-10,dentist,barrier,No NHS dentist,raised,",
                "2026-10-14,2026-10,poa,barrier,Proof of address,agreed,agreed",
                "2026-11-03,2026-11,cards,improvement,Registration cards,done,done",
                "2026-11-03,2026-11,dentist,barrier,No NHS dentist,parked,parked",
                "2026-11-03,2026-11,poa,barrier,Proof of address,resolved,resolved",
            ])
        let text = try repo.assetmap("history", "site.map").stdout
        #expect(
            text.hasPrefix("History of site.map: 3 revisions in git (2026-09-20 to 2026-11-03) and its dated lines\n"))
        #expect(
            text.contains(
                """
                month    raised  agreed  resolved  parked  proposed  done
                2026-09       1       0         0       0         0     0
                2026-10       1       1         0       0         1     0
                2026-11       0       0         1       1         0     1
                """))
        #expect(text.contains("2026-09  ▇ 1\n          0\n2026-10  ▇ 1\n          0\n2026-11   0\n         ░ 1\n"))
        #expect(
            text.contains(
                """
                area         raised  agreed  resolved  parked  proposed  done
                cancer            1       1         1       0         1     1
                oral-health       1       0         0       1         0     0
                """))
        #expect(
            text.contains(
                """
                poa  Proof of address
                  2026-09-16  raised
                  2026-09-16  note: Heard from three communities.
                  2026-10-14  agreed
                  2026-10-14  improvement cards "Registration cards": proposed
                  2026-11-03  resolved
                  2026-11-03  improvement cards "Registration cards": done
                """))
        let json = try repo.assetmap("history", "site.map", "--format", "json").stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["revisions"] as? [Any])?.count == 3)
        let markdown = try repo.assetmap("history", "site.map", "--format", "md").stdout
        #expect(markdown.contains("| 2026-10 | 1 | 1 | 0 | 0 | 1 | 0 |"))
    }

    @Test func withoutGitTheDatedLinesTellTheStory() throws {
        let dir = try TemporaryFolder()
        try dir.write(
            "site.map",
            Self.september.replacingOccurrences(
                of: "  clinical: cancer\n",
                with: """
                      clinical: cancer
                      status: agreed
                      history: 2026-09-10 status set to open
                      history: 2026-10-02 status set to agreed (was open)

                    """))
        let csv = try dir.run("history", "site.map", "--format", "csv")
        let rows = csv.stdout.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).prefix(7).joined(separator: ",")
        }
        #expect(
            rows.dropFirst() == [
                "2026-09-10,2026-09,poa,barrier,Proof of address,raised,",
                "2026-09-16,2026-09,poa,barrier,Proof of address,note,Heard from three communities.",
                "2026-10-02,2026-10,poa,barrier,Proof of address,agreed,agreed",
            ])
        #expect(
            try dir.run("history", "site.map").stdout.hasPrefix(
                "History of site.map from its dated lines (not in git)\n"))
    }
}

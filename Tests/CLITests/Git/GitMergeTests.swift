import AssetMapCore
import Foundation
import Testing
import AssetMapTestSupport

/// A git repository in a scratch directory, with its own HOME so no one's own git config is read or written.
final class Repository {
    let dir: TemporaryFolder
    let environment: [String: String]

    init() throws {
        dir = try TemporaryFolder()
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = dir.url.path
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["LANG"] = "C.UTF-8"
        for who in ["AUTHOR", "COMMITTER"] {
            environment["GIT_\(who)_NAME"] = "Site connector"
            environment["GIT_\(who)_EMAIL"] = "connector@example.org"
        }
        self.environment = environment
        try git("init", "-q", "-b", "main")
    }

    @discardableResult
    func git(_ arguments: String..., expect status: Int32 = 0) throws -> CLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = dir.url
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let result = CLI.Result(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errors, as: UTF8.self))
        #expect(result.status == status, "git \(arguments.joined(separator: " ")): \(result.stdout)\(result.stderr)")
        return result
    }

    func assetmap(_ arguments: String...) throws -> CLI.Result {
        try CLI.run(arguments, in: dir.url, environment: environment)
    }

    func commit(_ message: String) throws {
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
    }
}

@Suite struct GitMerge {
    static let map = """
        # Borough map shared by two sites
        map "Borough map"

        # ── Communities
        community refugees "Refugees"
          plus: yes

        community roma "Roma communities"

        # ── Barriers
        barrier poa "Proof of address"
          status: open
          review: 2026-09-16 Heard from three communities.

        improvement cards "Registration cards"
          status: proposed

        refugees -> roma meets
        poa -> refugees affects
        cards -> poa addresses

        """

    /// A repository with the map on main, set up for assetmap, and a branch per site.
    static func twoSites() throws -> Repository {
        let repo = try Repository()
        try repo.dir.write("borough.map", map)
        let setup = try repo.assetmap("git-setup")
        #expect(setup.status == 0, "\(setup.stderr)")
        try repo.commit("the map")
        try repo.git("branch", "site-b")
        return repo
    }

    @Test func gitSetupIsIdempotentAndSaysWhatItDid() throws {
        let repo = try Repository()
        let first = try repo.assetmap("git-setup")
        #expect(first.status == 0)
        #expect(first.stdout.contains("added *.map merge=assetmap diff=assetmap to .gitattributes"))
        #expect(first.stdout.contains("set merge.assetmap.driver = "))
        #expect(try repo.dir.read(".gitattributes") == "*.map merge=assetmap diff=assetmap\n")
        #expect(
            try repo.git("config", "--get", "merge.assetmap.driver").stdout.hasSuffix(
                " merge-file %O %A %B --name %P\n"))
        #expect(try repo.git("config", "--get", "diff.assetmap.textconv").stdout.hasSuffix(" diff --textconv\n"))
        let second = try repo.assetmap("git-setup")
        #expect(second.stdout.contains(".gitattributes already has"))
        #expect(!second.stdout.contains("set "))
        #expect(try repo.dir.read(".gitattributes") == "*.map merge=assetmap diff=assetmap\n")

        let global = try repo.assetmap("git-setup", "--global", "--command", "assetmap")
        #expect(global.status == 0)
        #expect(try repo.dir.read(".gitconfig").contains("driver = assetmap merge-file %O %A %B --name %P"))
        let outside = try CLI.run(
            ["git-setup"], in: FileManager.default.temporaryDirectory, environment: repo.environment)
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("not inside a git repository"))
    }

    @Test func twoSitesEditingTheSameMapMergeCleanWithEveryEditKept() throws {
        let repo = try Self.twoSites()
        // Site A: attributes of one node, a dated note, a node and a link added at the usual places.
        #expect(try repo.assetmap("set", "borough.map", "refugees", "core20=yes").status == 0)
        #expect(try repo.assetmap("add", "borough.map", "community", "carers", "Unpaid carers").status == 0)
        #expect(try repo.assetmap("link", "borough.map", "poa", "carers", "affects").status == 0)
        try repo.dir.write(
            "borough.map",
            try repo.dir.read("borough.map").replacingOccurrences(
                of: "three communities.\n",
                with: "three communities.\n  review: 2026-10-01 Site A: practice managers agree.\n"))
        try repo.commit("site A")
        // Site B, from the same start: another attribute of that node, another note, the same kinds of additions,
        // and a comment changed.
        try repo.git("checkout", "-q", "site-b")
        #expect(try repo.assetmap("set", "borough.map", "refugees", "note=housed in hotels").status == 0)
        #expect(try repo.assetmap("add", "borough.map", "community", "veterans", "Veterans").status == 0)
        #expect(try repo.assetmap("link", "borough.map", "poa", "veterans", "affects").status == 0)
        try repo.dir.write(
            "borough.map",
            try repo.dir.read("borough.map")
                .replacingOccurrences(
                    of: "three communities.\n",
                    with: "three communities.\n  review: 2026-10-02 Site B: cards printed.\n"
                )
                .replacingOccurrences(of: "# ── Barriers", with: "# ── Barriers (reviewed in October)"))
        try repo.commit("site B")
        try repo.git("checkout", "-q", "main")

        let merge = try repo.git("merge", "-q", "--no-edit", "site-b")
        #expect(merge.status == 0)
        let merged = try repo.dir.read("borough.map")
        #expect(
            merged == """
                # Borough map shared by two sites
                map "Borough map"

                # ── Communities
                community refugees "Refugees"
                  plus: yes
                  core20: yes
                  note: housed in hotels

                community roma "Roma communities"

                community carers "Unpaid carers"

                community veterans "Veterans"

                # ── Barriers (reviewed in October)
                barrier poa "Proof of address"
                  status: open
                  review: 2026-09-16 Heard from three communities.
                  review: 2026-10-01 Site A: practice managers agree.
                  review: 2026-10-02 Site B: cards printed.

                improvement cards "Registration cards"
                  status: proposed

                refugees -> roma meets
                poa -> refugees affects
                poa -> carers affects
                poa -> veterans affects
                cards -> poa addresses

                """)
        #expect(try repo.assetmap("check", "borough.map").stdout.contains("error") == false)
        #expect(try repo.git("status", "--porcelain").stdout == "")
    }

    @Test func aRealConflictLeavesAMapThatLoadsWithTheConflictNamed() throws {
        let repo = try Self.twoSites()
        #expect(try repo.assetmap("set", "borough.map", "poa", "status=agreed").status == 0)
        try repo.commit("site A agrees")
        try repo.git("checkout", "-q", "site-b")
        #expect(try repo.assetmap("set", "borough.map", "poa", "status=parked").status == 0)
        try repo.commit("site B parks it")
        try repo.git("checkout", "-q", "main")

        let merge = try repo.git("merge", "--no-edit", "site-b", expect: 1)
        #expect(merge.stdout.contains("borough.map:13:3: conflict: poa: status: ours \"agreed\", theirs \"parked\""))
        let text = try repo.dir.read("borough.map")
        #expect(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"))
        #expect(text.contains("  status: agreed\n  conflict: status\n  + ours: agreed\n  + theirs: parked\n"))
        let check = try repo.assetmap("check", "borough.map")
        #expect(check.status == 1)
        #expect(
            check.stdout.contains(
                "borough.map:13:3: error: merge conflict on poa: status: ours \"agreed\", theirs \"parked\""))
        // The map loads: other commands read it.
        #expect(try repo.assetmap("show", "borough.map", "poa").status == 0)

        let resolve = try repo.assetmap("resolve", "borough.map", "poa", "--theirs")
        #expect(resolve.status == 0)
        #expect(resolve.stdout == "resolve status of poa: keep theirs\n")
        #expect(try repo.assetmap("check", "borough.map").stdout.contains("error") == false)
        // Both sides' dated history lines are kept, ours first.
        let today = ReviewDate.today()
        #expect(
            try repo.dir.read("borough.map")
                == Self.map.replacingOccurrences(of: "status: open", with: "status: parked")
                .replacingOccurrences(
                    of: "three communities.\n",
                    with: """
                        three communities.
                          history: \(today) status set to agreed (was open)
                          history: \(today) status set to parked (was open)

                        """))
        try repo.commit("merged site B")
    }

    @Test func gitDiffAndLogReadAsChangesToTheMap() throws {
        let repo = try Self.twoSites()
        #expect(try repo.assetmap("set", "borough.map", "poa", "status=agreed", "owner=ICB primary care").status == 0)
        let diff = try repo.git("diff").stdout
        #expect(diff.contains("-poa | status: open\n+poa | status: agreed\n"))
        #expect(diff.contains("+poa | owner: ICB primary care\n"))
        try repo.commit("agreed")
        let log = try repo.git("log", "-p", "-1").stdout
        #expect(log.contains("+poa | status: agreed"))
    }
}

@Suite struct DiffCommand {
    @Test func textAndJSONOnKnownContent() throws {
        let dir = try TemporaryFolder()
        try dir.write("old.map", GitMerge.map)
        try dir.write(
            "new.map",
            GitMerge.map
                .replacingOccurrences(of: "status: open", with: "status: agreed")
                .replacingOccurrences(of: "community roma \"Roma communities\"\n", with: "")
                .replacingOccurrences(of: "refugees -> roma meets\n", with: ""))
        let text = try dir.run("diff", "old.map", "new.map")
        #expect(text.status == 1)
        #expect(
            text.stdout == """
                changed  poa  status: open → agreed
                removed  community roma "Roma communities"
                removed  refugees -> roma meets
                1 node removed, 1 changed; 1 edge removed

                """)
        let json = try dir.run("diff", "--format", "json", "old.map", "new.map")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.count == 3)
        #expect(
            changes[0]["field"] as? String == "status" && changes[0]["old"] as? String == "open"
                && changes[0]["new"] as? String == "agreed")
        #expect((changes[1]["record"] as? [String: String]) == ["type": "node", "id": "roma"])
        let same = try dir.run("diff", "old.map", "old.map")
        #expect(same.status == 0 && same.stdout == "no changes\n")
        #expect(try dir.run("diff", "old.map", "missing.map").status == 2)
    }
}

@Suite struct CombineCommand {
    static let walsall = """
        # Walsall
        map "Walsall"

        community refugees "Refugees"
          plus: yes

        organisation rmc "Refugee and Migrant Centre"
          status: open

        barrier poa "Proof of address"
          review: 2026-09-01 First.

        refugees -> rmc trusts
        poa -> refugees affects

        """

    static let wolverhampton = """
        # Wolverhampton
        map "Wolverhampton"

        community refugees "refugees"
          core20: yes

        place rmc "Rosa Mill Café"

        barrier poa "Proof of address"
          review: 2026-09-05 Second.

        refugees -> rmc "gathers at"
        poa -> refugees affects

        """

    @Test func sameNodesJoinClashingIdsAreRenamedWithTheSitePrefix() throws {
        let dir = try TemporaryFolder()
        try dir.write("walsall.map", Self.walsall)
        try dir.write("wolverhampton.map", Self.wolverhampton)
        let result = try dir.run("merge", "walsall.map", "wolverhampton.map", "-o", "ics.map")
        #expect(result.status == 0)
        #expect(
            try dir.read("ics.map") == """
                # Walsall
                map "Walsall"

                community refugees "Refugees"
                  plus: yes
                  core20: yes

                organisation rmc "Refugee and Migrant Centre"
                  status: open

                barrier poa "Proof of address"
                  review: 2026-09-01 First.
                  review: 2026-09-05 Second.

                refugees -> rmc trusts
                poa -> refugees affects

                # Wolverhampton

                place wolverhampton-rmc "Rosa Mill Café"

                refugees -> wolverhampton-rmc "gathers at"

                """)
        #expect(
            result.stderr == """
                combined 2 maps into ics.map: 4 nodes, 3 links
                walsall: 3 nodes and 2 links added
                wolverhampton: 1 node and 1 link added; 2 joined (same id, kind and label): refugees, poa
                  renamed rmc → wolverhampton-rmc: the id already named organisation "Refugee and Migrant Centre"
                  kept the earlier value of map (title): "Walsall" (wolverhampton: "Wolverhampton")
                  kept the earlier value of refugees (label): "Refugees" (wolverhampton: "refugees")

                """)
        #expect(!(try dir.run("check", "ics.map").stdout.contains("error")))
        // A map with errors is refused, and nothing is written.
        try dir.write("broken.map", "community a \"A\"\na -> b x\n")
        let refused = try dir.run("merge", "walsall.map", "broken.map", "-o", "out.map")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("broken.map:2:6: error: edge to unknown id 'b'"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("out.map")))
    }
}

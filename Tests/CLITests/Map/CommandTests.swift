import Foundation
import Testing
import AssetMapCore
import AssetMapTestSupport

let walsall = """
    # Illustrative map for tests
    map "Walsall community asset map"
      area: Walsall

    community refugees "Refugees and people seeking asylum"
      plus: yes

    organisation rmc "Refugee and Migrant Centre"

    place generation-cafe "Generation Café at Nashdom"
      when: Fridays 17:00–20:00

    barrier proof-of-address "Asked for proof of address to register with a GP"
      dimension: approachability
      status: open
      private-source: told in confidence at the Friday café

    improvement registration-cards "Cards explaining the right to register without an address"
      status: proposed

    refugees -> rmc "trusts"
    refugees -> generation-cafe "gathers at"
    proof-of-address -> refugees affects
    registration-cards -> proof-of-address addresses
      owner: Healthwatch Walsall

    """

@Suite struct CheckCommand {
    @Test func cleanMapExitsZeroSilently() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let result = try dir.run("check", "w.map")
        #expect(result.status == 0)
        #expect(result.stdout == "")
    }

    @Test func warningsOnlyExitZero() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall.replacingOccurrences(of: "status: open", with: "status: opn"))
        let result = try dir.run("check", "w.map")
        #expect(result.status == 0)
        #expect(result.stdout == "w.map:15:11: warning: unknown status 'opn' for a barrier (did you mean 'open'?)\n")
    }

    @Test func errorsExitOneSortedByPositionAcrossFiles() throws {
        let dir = try TemporaryFolder()
        try dir.write("a.map", walsall + "refugees -> rmcc trusts\norganization x \"X\"\n")
        try dir.write("b.map", walsall)
        let result = try dir.run("check", "a.map", "b.map", "missing.map")
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                a.map:26:13: error: edge to unknown id 'rmcc' (did you mean 'rmc'?)
                a.map:27:1: error: unknown kind 'organization' (did you mean 'organisation'?)
                missing.map:1:1: error: cannot read the file: no such file

                """)
    }

    /// A file of a megabyte and more is mapped rather than read: the same findings, and invalid UTF-8 still
    /// refused at its place, in the middle of a large file as in a small one.
    @Test func largeFilesAreCheckedAsSmallOnes() throws {
        let dir = try TemporaryFolder()
        var text = walsall
        for k in 0..<13000 {
            text += "community c\(k) \"Community \(k) with a long enough label\"\n  note: n\(k)\n  core20: yes\n\n"
        }
        text += "refugees -> rmcc trusts\n"
        try dir.write("large.map", text)
        #expect(text.utf8.count > 1 << 20)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let result = try dir.run("check", "large.map")
        #expect(result.status == 1)
        #expect(
            result.stdout.hasSuffix("large.map:\(lines):13: error: edge to unknown id 'rmcc' (did you mean 'rmc'?)\n"),
            "\(result.stdout.suffix(300))")
        #expect(result.stdout.components(separatedBy: "has no edges").count - 1 == 13000)
        var bytes = Data(text.utf8)
        bytes[bytes.count / 2] = 0xFF
        try bytes.write(to: dir.url.appendingPathComponent("large.map"))
        let invalid = try dir.run("check", "large.map")
        #expect(invalid.status == 1 && invalid.stdout.contains("error: the file is not valid UTF-8 (byte 0xFF)"))
    }

    @Test func invalidUTF8IsAnErrorWithItsPosition() throws {
        let dir = try TemporaryFolder()
        var bytes = Data("community a \"A\"\ncommunity b \"Caf".utf8)
        bytes.append(contentsOf: [0xE9, 0x22, 0x0A])  // Latin-1 é
        try bytes.write(to: dir.url.appendingPathComponent("latin1.map"))
        let result = try dir.run("check", "latin1.map")
        #expect(result.status == 1)
        #expect(result.stdout == "latin1.map:2:17: error: the file is not valid UTF-8 (byte 0xE9); save it as UTF-8\n")
    }

    @Test func usageErrorsExitTwo() throws {
        let dir = try TemporaryFolder()
        #expect(try dir.run("check").status == 2)
        #expect(try dir.run("check", "--bogus", "x.map").status == 2)
        #expect(try dir.run("set", "x.map", "id").status == 2)
        #expect(try dir.run("export", "dot", "x.map", "--rankdir", "RL").status == 2)
    }

    @Test(arguments: [
        "check", "fmt", "show", "add", "set", "unset", "link", "unlink", "rm", "rename", "export", "export dot",
    ])
    func everySubcommandHasHelp(_ command: String) throws {
        let dir = try TemporaryFolder()
        let result = try CLI.run(command.split(separator: " ").map(String.init) + ["--help"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: assetmap \(command)"))
    }
}

@Suite struct FmtCommand {
    let messy =
        "map   \"T\"\n\tarea:Walsall   \ncommunity  a\t\"A\"  \n   plus:yes\ncommunity b \"B\"\na ->  b \"trusts\"\n"
    let tidy = "map \"T\"\n  area: Walsall\ncommunity a \"A\"\n  plus: yes\ncommunity b \"B\"\na -> b trusts\n"

    @Test func checkListsFilesThatWouldChangeAndWritesNothing() throws {
        let dir = try TemporaryFolder()
        try dir.write("messy.map", messy)
        try dir.write("tidy.map", tidy)
        let result = try dir.run("fmt", "--check", "messy.map", "tidy.map")
        #expect(result.status == 1)
        #expect(result.stdout == "messy.map\n")
        #expect(try dir.read("messy.map") == messy)
        #expect(try dir.run("fmt", "--check", "tidy.map").status == 0)
    }

    @Test func formatsInPlaceKeepingPermissions() throws {
        let dir = try TemporaryFolder()
        try dir.write("messy.map", messy)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: dir.path("messy.map"))
        let result = try dir.run("fmt", "messy.map")
        #expect(result.status == 0)
        #expect(try dir.read("messy.map") == tidy)
        let mode = try FileManager.default.attributesOfItem(atPath: dir.path("messy.map"))[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    @Test func refusesAFileWithSyntaxErrors() throws {
        let dir = try TemporaryFolder()
        let broken = messy + "community c \"unterminated\n"
        try dir.write("broken.map", broken)
        let result = try dir.run("fmt", "broken.map")
        #expect(result.status == 1)
        #expect(result.stderr.contains("broken.map:7:13: error: this label has no closing double quote"))
        #expect(try dir.read("broken.map") == broken)
    }
}

@Suite struct EditCommands {
    func changedLines(_ before: String, _ after: String) -> (removed: [String], added: [String]) {
        let diff = after.components(separatedBy: "\n").difference(from: before.components(separatedBy: "\n"))
        return (
            diff.removals.map {
                if case .remove(_, let e, _) = $0 { return e }; return ""
            },
            diff.insertions.map {
                if case .insert(_, let e, _) = $0 { return e }; return ""
            }
        )
    }

    @Test func setChangesExactlyOneLineAndKeepsPermissions() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir.path("w.map"))
        let result = try dir.run("set", "w.map", "proof-of-address", "status=agreed")
        #expect(result.status == 0)
        #expect(result.stdout == "set status of proof-of-address\n")
        let d = changedLines(walsall, try dir.read("w.map"))
        #expect(d.removed == ["  status: open"])
        #expect(d.added == ["  status: agreed", "  history: \(ReviewDate.today()) status set to agreed (was open)"])
        let mode = try FileManager.default.attributesOfItem(atPath: dir.path("w.map"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aMapWithErrorsIsNeverWritten() throws {
        let dir = try TemporaryFolder()
        let broken = walsall + "refugees -> nobody trusts\n"
        try dir.write("w.map", broken)
        for arguments in [
            ["set", "w.map", "rmc", "when=Mondays"], ["unset", "w.map", "refugees", "plus"],
            ["add", "w.map", "place", "Glebe Centre"], ["link", "w.map", "rmc", "refugees", "supports"],
            ["unlink", "w.map", "refugees", "rmc"], ["rm", "w.map", "rmc"],
        ] {
            let result = try CLI.run(arguments, in: dir.url)
            #expect(result.status == 1, "\(arguments)")
            #expect(try dir.read("w.map") == broken, "\(arguments)")
        }
        let result = try dir.run("set", "w.map", "rmc", "when=Mondays")
        #expect(
            result.stderr == """
                w.map:26:13: error: edge to unknown id 'nobody'
                w.map: not changed: the map has 1 error; fix it first

                """)
    }

    @Test func aRefusedEditLeavesTheFileAlone() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let result = try dir.run("set", "w.map", "proof-of-adress", "status=agreed")
        #expect(result.status == 1)
        #expect(result.stderr == "w.map: error: no node with id 'proof-of-adress' (did you mean 'proof-of-address'?)\n")
        #expect(try dir.run("set", "w.map", "rmc", "Bad-Key=x").status == 1)
        #expect(try dir.run("add", "w.map", "organization", "x", "X").stderr.contains("did you mean 'organisation'?"))
        #expect(try dir.read("w.map") == walsall)
        // No temp files left behind by the atomic write.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter {
            $0.contains(".tmp-")
        }
        #expect(leftovers == [])
    }

    @Test func addSuggestsAnIDOrTakesOne() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        var result = try dir.run("add", "w.map", "place", "Glebe Centre, Walsall", "when=Mondays")
        #expect(result.status == 0)
        #expect(result.stdout == "added place glebe-centre-walsall\n")
        result = try dir.run("add", "w.map", "organisation", "wt", "Walsall Together")
        #expect(result.stdout == "added organisation wt\n")
        result = try dir.run("add", "w.map", "community", "--id", "older", "Older people", "core20=yes")
        #expect(result.stdout == "added community older\n")
        let text = try dir.read("w.map")
        #expect(
            text.contains(
                "place generation-cafe \"Generation Café at Nashdom\"\n  when: Fridays 17:00–20:00\n\nplace glebe-centre-walsall \"Glebe Centre, Walsall\"\n  when: Mondays\n"
            ))
        #expect(
            text.contains("organisation rmc \"Refugee and Migrant Centre\"\n\norganisation wt \"Walsall Together\"\n"))
        #expect(text.contains("community older \"Older people\"\n  core20: yes\n"))
        #expect(try dir.run("check", "w.map").stdout.contains("w.map:13:14: warning: organisation 'wt' has no edges"))
    }

    @Test func linkSetUnsetUnlinkRmAndEdgeAddressing() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        #expect(try dir.run("link", "w.map", "rmc", "generation-cafe", "runs sessions at", "since=2023").status == 0)
        var text = try dir.read("w.map")
        #expect(changedLines(walsall, text).added == ["rmc -> generation-cafe \"runs sessions at\"", "  since: 2023"])

        #expect(
            try dir.run("set", "w.map", "registration-cards->proof-of-address", "owner=Walsall Together").status == 0)
        #expect(
            try dir.read("w.map").contains(
                "registration-cards -> proof-of-address addresses\n  owner: Walsall Together\n"))
        #expect(try dir.run("set", "w.map", "map", "area=Walsall borough").status == 0)
        #expect(try dir.read("w.map").contains("map \"Walsall community asset map\"\n  area: Walsall borough\n"))

        #expect(try dir.run("unset", "w.map", "refugees", "plus").status == 0)
        #expect(
            try dir.run("unset", "w.map", "refugees", "plus").stderr
                == "w.map: error: refugees has no attribute 'plus'\n")

        let unlink = try dir.run("unlink", "w.map", "rmc", "generation-cafe")
        #expect(unlink.stdout == "unlink rmc -> generation-cafe\n")
        let rm = try dir.run("rm", "w.map", "rmc")
        #expect(rm.stdout == "delete rmc and 1 edge\n")
        text = try dir.read("w.map")
        #expect(!text.contains("rmc"))
        #expect(try dir.run("check", "w.map").status == 0)
    }

    @Test func renameChangesTheLabelOrTheIdAndItsEdges() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let both = try dir.run("rename", "w.map", "rmc", "Refugee & Migrant Centre «Walsall»", "--id", "rmc-walsall")
        #expect(both.status == 0)
        #expect(both.stdout == "rename rmc\nchange id rmc to rmc-walsall\n")
        let text = try dir.read("w.map")
        #expect(text.contains("organisation rmc-walsall \"Refugee & Migrant Centre «Walsall»\""))
        #expect(!text.contains(" rmc ") && !text.contains("rmc ->") && !text.contains("-> rmc "))
        // Only the node's line and its edges' lines changed.
        let changed = changedLines(walsall, text)
        #expect(changed.added.count == changed.removed.count)
        #expect(changed.added.allSatisfy { $0.contains("rmc-walsall") })
        #expect(try dir.run("check", "w.map").status == 0)
        let taken = try dir.run("rename", "w.map", "rmc-walsall", "--id", "refugees")
        #expect(taken.status == 1)
        #expect(taken.stderr.contains("the id 'refugees' is already used"))
        #expect(try dir.read("w.map") == text)
        #expect(try dir.run("rename", "w.map", "rmc-walsall").status == 2)
    }

    @Test func editsKeepCRLFAndAMissingFinalNewline() throws {
        let dir = try TemporaryFolder()
        let crlf = String(walsall.replacingOccurrences(of: "\n", with: "\r\n").dropLast())  // "\r\n" is one Character
        try dir.write("w.map", crlf)
        #expect(try dir.run("link", "w.map", "rmc", "refugees", "supports").status == 0)
        #expect(try dir.run("set", "w.map", "rmc", "when=Mondays").status == 0)
        let text = try dir.read("w.map")
        #expect(
            text == crlf.replacingOccurrences(
                of: "\"Refugee and Migrant Centre\"\r\n", with: "\"Refugee and Migrant Centre\"\r\n  when: Mondays\r\n")
                + "\r\nrmc -> refugees supports")
    }
}

@Suite struct ShowCommand {
    @Test func showsTheRecordAndItsNeighbours() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let result = try dir.run("show", "w.map", "proof-of-address")
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                barrier proof-of-address "Asked for proof of address to register with a GP"
                  dimension: approachability
                  status: open
                (line 13)

                Out (1):
                  -> refugees affects  — community "Refugees and people seeking asylum"

                In (1):
                  <- registration-cards addresses  — improvement "Cards explaining the right to register without an address"
                      owner: Healthwatch Walsall

                1 private value hidden (--include-private shows it)

                """)
        let all = try dir.run("show", "w.map", "proof-of-address", "--include-private")
        #expect(
            all.stdout.contains("  status: open\n  private-source: told in confidence at the Friday café\n(line 13)\n"))
        #expect(!all.stdout.contains("hidden"))
        let missing = try dir.run("show", "w.map", "refugee")
        #expect(missing.status == 1)
        #expect(missing.stderr == "w.map: error: no node with id 'refugee' (did you mean 'refugees'?)\n")
    }
}

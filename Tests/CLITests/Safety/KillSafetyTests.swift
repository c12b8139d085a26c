import Foundation
import Testing
import AssetMapTestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// kill -9 at random moments of real `assetmap set` processes saving a large map: every time the file is
/// the old map or the new one, never torn, and the next command leaves nothing beside it.
@Suite struct KillSafety {
    @Test func aKillAtAnyMomentLeavesTheOldOrTheNewMapAndTheNextCommandCleansUp() throws {
        let dir = try TemporaryFolder()
        let nodes = (2...3000).map {
            "place p\($0) \"Place number \($0) with a longer label\"\n  note: text for node \($0)\n"
        }
        try dir.write("big.map", "map \"Big\"\n\nplace p1 \"P1\"\n  stamp: 0\n" + nodes.joined())
        let folder = dir.url.path
        var random = SystemRandomNumberGenerator()
        var outcomes = (old: 0, new: 0, killedMidSave: 0)
        // Kill times scale with how long one save takes on this machine (a loaded one starts processes slowly).
        let started = Date()
        #expect(try dir.run("set", "big.map", "p1", "stamp=0").status == 0)
        let lifetime = max(UInt32(Date().timeIntervalSince(started) * 1_000_000), 20_000)
        for round in 1...100 {
            let old = try dir.read("big.map")
            let key = try #require(old.range(of: "  stamp: "))
            let lineEnd = try #require(old[key.upperBound...].firstIndex(of: "\n"))
            let new = old.replacingCharacters(in: key.upperBound..<lineEnd, with: "\(round)")
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["set", "big.map", "p1", "stamp=\(round)"]
            process.currentDirectoryURL = dir.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if round % 2 == 0 {
                // Any moment of the process's life (start, lock, read, check, write, rename).
                usleep(UInt32.random(in: 0..<lifetime + lifetime / 2, using: &random))
            } else {
                // Right inside the save: once its temp file appears, a few microseconds to a few milliseconds on.
                let deadline = Date().addingTimeInterval(5)
                while process.isRunning, Date() < deadline, !Self.hasTemp(folder) { usleep(50) }
                usleep(UInt32.random(in: 0..<3_000, using: &random))
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if Self.hasTemp(folder) { outcomes.killedMidSave += 1 }
            let now = try dir.read("big.map")
            #expect(now == old || now == new, "round \(round): the map is neither the old one nor the new one")
            if now == new { outcomes.new += 1 } else { outcomes.old += 1 }
        }
        // The test means something only if kills landed both before and after saves, and inside some.
        #expect(outcomes.old > 0 && outcomes.new > 0 && outcomes.killedMidSave > 0, "\(outcomes)")
        let next = try dir.run("set", "big.map", "p1", "stamp=done")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try dir.read("big.map").contains("  stamp: done\n"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".std") } == ["big.map"])
        print(
            "kill -9 rounds: \(outcomes.old) left the old map, \(outcomes.new) the new one, \(outcomes.killedMidSave) killed inside a save"
        )
    }

    static func hasTemp(_ folder: String) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).contains {
            $0.hasPrefix(".big.map.assetmap-save-")
        }
    }
}

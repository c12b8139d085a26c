import Foundation
import Testing
import AssetMapTestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// Real processes on real files: concurrent edits, symlinks, owners, hard links, read-only maps,
/// the lock, stale temps, and `-o` written like a shell redirection.
@Suite struct SafeWrite {
    static let places = (1...40).map { "place p\($0) \"Place \($0)\"\n" }.joined()

    @Test func concurrentEditsOfDifferentRecordsAllLand() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", "map \"M\"\n\n" + Self.places)
        let processes = try (1...40).map { n -> Process in
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["set", "w.map", "p\(n)", "stamp=\(n)"]
            process.currentDirectoryURL = dir.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let text = try dir.read("w.map")
        for n in 1...40 { #expect(text.contains("place p\(n) \"Place \(n)\"\n  stamp: \(n)\n"), "edit \(n) lost") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["w.map"])
    }

    @Test func aSymlinkStaysASymlinkAndItsTargetIsEdited() throws {
        let dir = try TemporaryFolder()
        try FileManager.default.createDirectory(
            at: dir.url.appendingPathComponent("real"), withIntermediateDirectories: true)
        try dir.write("real/w.map", walsall)
        try FileManager.default.createSymbolicLink(atPath: dir.path("link.map"), withDestinationPath: "real/w.map")
        #expect(try dir.run("set", "link.map", "rmc", "when=Mondays").status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path("link.map")) == "real/w.map")
        #expect(try dir.read("real/w.map").contains("  when: Mondays\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("real")) == ["w.map"])
    }

    @Test func ownerGroupAndModeAreKept() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        chmod(dir.path("w.map"), 0o640)
        let owner: uid_t = geteuid() == 0 ? 1234 : geteuid()
        let group: gid_t = geteuid() == 0 ? 4321 : getegid()
        chown(dir.path("w.map"), owner, group)
        #expect(try dir.run("set", "w.map", "rmc", "when=Mondays").status == 0)
        var st = stat()
        stat(dir.path("w.map"), &st)
        #expect(st.st_mode & 0o7777 == 0o640)
        #expect(st.st_uid == owner && st.st_gid == group)
        #expect(try dir.read("w.map").contains("when: Mondays"))
    }

    @Test func hardLinksAreNotSplit() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        #expect(link(dir.path("w.map"), dir.path("other.map")) == 0)
        #expect(try dir.run("set", "w.map", "rmc", "when=Mondays").status == 0)
        var a = stat(), b = stat()
        stat(dir.path("w.map"), &a)
        stat(dir.path("other.map"), &b)
        #expect(a.st_ino == b.st_ino && a.st_nlink == 2)
        #expect(try dir.read("other.map").contains("when: Mondays"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["other.map", "w.map"])
    }

    @Test func aReadOnlyMapIsEditedOnlyWithForce() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        chmod(dir.path("w.map"), 0o444)
        for arguments in [["set", "w.map", "rmc", "when=Mondays"], ["rm", "w.map", "rmc"], ["fmt", "w.map"]] {
            let refused = try CLI.run(arguments, in: dir.url)
            #expect(refused.status == 1, "\(arguments)")
            #expect(
                refused.stderr.contains(
                    "w.map: not changed: it is read-only (its owner has no write permission); --force edits it anyway"),
                "\(arguments)")
            #expect(try dir.read("w.map") == walsall)
        }
        #expect(try dir.run("set", "w.map", "rmc", "when=Mondays", "--force").status == 0)
        #expect(try dir.read("w.map").contains("when: Mondays"))
        var st = stat()
        stat(dir.path("w.map"), &st)
        #expect(st.st_mode & 0o7777 == 0o444)
    }

    @Test func aLockHeldTooLongNamesItsHolder() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let fd = open(dir.path(".w.map.assetmap-lock"), O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        _ = "\(getpid())\n".withCString { write(fd, $0, strlen($0)) }
        let result = try dir.run("set", "w.map", "rmc", "when=Mondays", environment: ["ASSETMAP_LOCK_TIMEOUT": "0.3"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("w.map: not changed: process \(getpid()) has held its lock"))
        #expect(try dir.read("w.map") == walsall)
    }

    @Test func theNextEditRemovesStaleTempFiles() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        try dir.write(".w.map.assetmap-save-k1ll3d", "half a map")
        try dir.write(".other.map.assetmap-save-k1ll3d", "not this map's")
        #expect(try dir.run("set", "w.map", "rmc", "when=Mondays").status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == [
                ".other.map.assetmap-save-k1ll3d", "w.map",
            ])
    }

    @Test func fmtNeverWritesAMapWithErrors() throws {
        let dir = try TemporaryFolder()
        let messy = "map   \"M\"\nplace a \"A\"\nplace a \"Again\"\n"
        try dir.write("w.map", messy)
        let result = try dir.run("fmt", "w.map")
        #expect(result.status == 1)
        #expect(result.stderr.contains("w.map:3:7: error: duplicate id 'a'"))
        #expect(result.stderr.contains("w.map: not changed: the map has 1 error; fix it first"))
        #expect(try dir.read("w.map") == messy)
    }

    @Test func outputIsWrittenLikeAShellRedirection() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        // A symlink is followed; the regular file behind it is replaced, keeping its mode.
        try dir.write("real.dot", "old")
        chmod(dir.path("real.dot"), 0o600)
        try FileManager.default.createSymbolicLink(atPath: dir.path("out.dot"), withDestinationPath: "real.dot")
        #expect(try dir.run("export", "dot", "w.map", "-o", "out.dot").status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path("out.dot")) == "real.dot")
        #expect(try dir.read("real.dot").hasPrefix("digraph"))
        var st = stat()
        stat(dir.path("real.dot"), &st)
        #expect(st.st_mode & 0o7777 == 0o600)
        // `-` is standard output.
        let dash = try dir.run("report", "w.map", "-o", "-")
        #expect(dash.stdout.hasPrefix("# Barrier review"))
        // A FIFO is written to, not replaced.
        #expect(mkfifo(dir.path("pipe"), 0o644) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [dir.path("pipe")]
        let captured = Pipe()
        reader.standardOutput = captured
        try reader.run()
        #expect(try dir.run("export", "dot", "w.map", "-o", "pipe").status == 0)
        let fromPipe = captured.fileHandleForReading.readDataToEndOfFile()
        reader.waitUntilExit()
        #expect(String(decoding: fromPipe, as: UTF8.self).hasPrefix("digraph"))
        stat(dir.path("pipe"), &st)
        #expect(st.st_mode & S_IFMT == S_IFIFO)
        // The map itself is refused.
        #expect(try dir.run("export", "dot", "w.map", "-o", "w.map").status != 0)
        #expect(try dir.read("w.map") == walsall)
    }

    /// As root, a device node (a private copy of /dev/null's, never /dev/null itself) stays a device.
    @Test func aDeviceIsWrittenToNotReplaced() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let device = dir.path("null")
        if geteuid() == 0 {
            #expect(mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0)
        } else {
            #expect(symlink("/dev/null", device) == 0)  // not root: the real one, behind a link
        }
        for arguments in [
            ["export", "dot", "w.map", "-o", "null"], ["report", "w.map", "-o", "null"],
            ["export", "dot", "w.map", "--format", "svg", "-o", "null"],
        ] {
            let result = try CLI.run(arguments, in: dir.url)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        var st = stat()
        #expect(stat(device, &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
    }
}

import Foundation
import Testing
import AssetMapTestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// A hard-linked map is written in place (so its links are not split): on a full disk, or after a
/// kill, it must never be left half old and half new, and a copy left by a kill must never be
/// applied over a map changed since.
@Suite(.serialized) struct FullDisk {
    static let page = 4096
    static let places = (1...1300).map { "place p\($0) \"Place number \($0)\"\n" }.joined()
    static let old = "map \"M\"\n\n" + places

    /// A small tmpfs (CI runs as root); failing to mount fails the test, it never skips.
    final class SmallDisk {
        let mountPoint: TemporaryFolder
        init(bytes: Int) throws {
            mountPoint = try TemporaryFolder()
            let status = Neighbour.runProgram(
                "/bin/mount", ["-t", "tmpfs", "-o", "size=\(bytes),mode=0755", "tmpfs", mountPoint.url.path])
            if status != 0 {
                Issue.record("cannot mount a tmpfs at \(mountPoint.url.path) (status \(status)); these tests need root")
                throw CancellationError()
            }
        }
        deinit { _ = Neighbour.runProgram("/bin/umount", [mountPoint.url.path]) }

        /// Fills the disk, then frees exactly `pages` pages.
        func leaveFree(pages: Int) throws {
            let filler = mountPoint.path("filler")
            let fd = open(filler, O_WRONLY | O_CREAT, 0o600)
            #expect(fd >= 0)
            defer { close(fd) }
            let chunk = [UInt8](repeating: 0x61, count: FullDisk.page)
            var size = 0
            while write(fd, chunk, chunk.count) == chunk.count { size += chunk.count }
            #expect(size > pages * FullDisk.page)
            #expect(ftruncate(fd, off_t(size - pages * FullDisk.page)) == 0)
        }
    }

    /// Room for the new map alone but not for it to grow, room for a copy but not the growth, and room
    /// for all: each time the map is byte for byte the old one or the new, its links kept, nothing left.
    @Test(arguments: [17, 27, 60])
    func aHardLinkedMapOnAFullDiskIsNeverTorn(freePages: Int) throws {
        let disk = try SmallDisk(bytes: 1 << 20)
        let dir = disk.mountPoint
        try dir.write("w.map", Self.old)
        #expect(link(dir.path("w.map"), dir.path("other.map")) == 0)
        try disk.leaveFree(pages: freePages)
        let note = String(repeating: "n", count: 20_000)
        let result = try dir.run("set", "w.map", "p1", "note=\(note)")
        let now = try dir.read("w.map")
        let new = Self.old.replacingOccurrences(
            of: "place p1 \"Place number 1\"\n", with: "place p1 \"Place number 1\"\n  note: \(note)\n")
        #expect(now == Self.old || now == new, "torn: \(now.utf8.count) bytes")
        if now == Self.old {
            #expect(result.status == 1)
            #expect(result.stderr.contains("w.map: cannot save:"), "\(result.stderr)")
        } else {
            #expect(result.status == 0, "\(result.stderr)")
        }
        if freePages == 60 { #expect(now == new) }
        var a = stat(), b = stat()
        stat(dir.path("w.map"), &a)
        stat(dir.path("other.map"), &b)
        #expect(a.st_ino == b.st_ino && a.st_nlink == 2)
        #expect(try dir.read("other.map") == now)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == [
                "filler", "other.map", "w.map",
            ])
    }
}

/// What a kill during an in-place write leaves, and what the next command does with it.
@Suite struct InterruptedInPlaceWrite {
    static let old = walsall
    static let new = walsall.replacingOccurrences(
        of: "organisation rmc \"Refugee and Migrant Centre\"\n",
        with: "organisation rmc \"Refugee and Migrant Centre\"\n  when: Tuesdays, from 10am\n")

    static func copy(old: String, new: String) -> String {
        "assetmap-inplace 1 \(old.utf8.count) \(new.utf8.count)\n" + old + new
    }

    static func linkedMap(_ text: String, copy: String) throws -> TemporaryFolder {
        let dir = try TemporaryFolder()
        try dir.write("w.map", text)
        #expect(link(dir.path("w.map"), dir.path("other.map")) == 0)
        try dir.write(".w.map.assetmap-inplace", copy)
        return dir
    }

    /// Cut anywhere: the new bytes up to the cut, the old ones after it; the next command finishes it.
    @Test(arguments: [0.0, 0.001, 0.3, 0.9, 1.0])
    func aMapCutByAKillIsFinished(at fraction: Double) throws {
        let cut = Int(fraction * Double(Self.new.utf8.count))
        let torn = Data(Self.new.utf8.prefix(cut)) + Data(Self.old.utf8.dropFirst(cut))
        let dir = try Self.linkedMap(
            String(decoding: torn, as: UTF8.self), copy: Self.copy(old: Self.old, new: Self.new))
        let result = try dir.run("set", "w.map", "generation-cafe", "when=Mondays")
        #expect(result.status == 0, "\(result.stderr)")
        let text = try dir.read("other.map")
        #expect(
            text.contains("  when: Tuesdays, from 10am\n")
                && text.contains("place generation-cafe \"Generation Café at Nashdom\"\n  when: Mondays\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["other.map", "w.map"])
    }

    /// The issue's data loss: the stale copy was applied over the hand edits made since.
    @Test func aCopyIsNeverAppliedOverAMapChangedSince() throws {
        let edited = Self.old.replacingOccurrences(of: "Refugee and Migrant Centre", with: "Refugee Centre (by hand)")
        let dir = try Self.linkedMap(edited, copy: Self.copy(old: Self.old, new: Self.new))
        let result = try dir.run("set", "w.map", "generation-cafe", "when=Mondays")
        #expect(result.status == 1)
        #expect(result.stderr.contains("but the map changed since, so it was not applied"), "\(result.stderr)")
        #expect(try dir.read("w.map") == edited)
        #expect(FileManager.default.fileExists(atPath: dir.path(".w.map.assetmap-inplace")), "kept for the user")
    }

    @Test func aCopyOfAnotherShapeIsNeverApplied() throws {
        let dir = try Self.linkedMap(Self.old, copy: Self.new)
        let result = try dir.run("set", "w.map", "generation-cafe", "when=Mondays")
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not a copy this program left"), "\(result.stderr)")
        #expect(try dir.read("w.map") == Self.old)
    }
}

import Foundation
import Testing
import AssetMapTestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// Someone who may write in a map's folder plants files under the names of its sidecars before root
/// (or the map's owner) edits it: nothing is ever read, written or truncated through them.
@Suite struct HostileNeighbour {
    /// A folder and a map owned by the neighbour, and a root-only secret elsewhere.
    struct Setting {
        let dir: TemporaryFolder
        let secret: String
        static let secretText = "root only: the secret\n"

        init() throws {
            dir = try TemporaryFolder()
            let me = try Neighbour.identity()
            try dir.write("w.map", walsall)
            chown(dir.url.path, me.uid, me.gid)
            chown(dir.path("w.map"), me.uid, me.gid)
            secret = dir.path("secret")
            try dir.write("secret", Self.secretText)
            chmod(secret, 0o600)
        }

        func plantSymlink(_ name: String, to destination: String) throws {
            let me = try Neighbour.identity()
            #expect(symlink(destination, dir.path(name)) == 0)
            lchown(dir.path(name), me.uid, me.gid)
        }

        func expectUntouched() throws {
            #expect(try dir.read("secret") == Self.secretText)
            var st = stat()
            #expect(stat(secret, &st) == 0 && st.st_size == Self.secretText.utf8.count && st.st_nlink <= 2)
        }
    }

    @Test func aPlantedLockSymlinkIsNeverFollowed() throws {
        let setting = try Setting()
        try setting.plantSymlink(".w.map.assetmap-lock", to: setting.secret)
        let result = try setting.dir.run("set", "w.map", "rmc", "when=Mondays")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(".w.map.assetmap-lock is a symlink, which is never followed"), "\(result.stderr)")
        try setting.expectUntouched()
        #expect(try setting.dir.read("w.map") == walsall)
    }

    @Test func aDanglingLockSymlinkCreatesNothing() throws {
        let setting = try Setting()
        let target = setting.dir.path("made-by-root")
        try setting.plantSymlink(".w.map.assetmap-lock", to: target)
        #expect(try setting.dir.run("set", "w.map", "rmc", "when=Mondays").status == 1)
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func aPlantedLockHardLinkIsNeverTruncated() throws {
        let setting = try Setting()
        #expect(link(setting.secret, setting.dir.path(".w.map.assetmap-lock")) == 0)
        let result = try setting.dir.run("set", "w.map", "rmc", "when=Mondays")
        #expect(result.status == 1)
        #expect(result.stderr.contains("not a plain file of its own"), "\(result.stderr)")
        try setting.expectUntouched()
    }

    /// The attack: root's edit copied a planted in-place copy (a symlink to a secret) into the map.
    @Test func aPlantedInPlaceSymlinkIsNeverRead() throws {
        let setting = try Setting()
        try setting.plantSymlink(".w.map.assetmap-inplace", to: setting.secret)
        let result = try setting.dir.run("set", "w.map", "rmc", "when=Mondays")
        #expect(result.status == 1)
        #expect(result.stderr.contains(".w.map.assetmap-inplace is a symlink"), "\(result.stderr)")
        #expect(try !setting.dir.read("w.map").contains("secret"))
        try setting.expectUntouched()
    }

    @Test func aPlantedInPlaceHardLinkIsNeverRead() throws {
        let setting = try Setting()
        #expect(link(setting.secret, setting.dir.path(".w.map.assetmap-inplace")) == 0)
        #expect(try setting.dir.run("set", "w.map", "rmc", "when=Mondays").status == 1)
        #expect(try !setting.dir.read("w.map").contains("secret"))
        try setting.expectUntouched()
    }

    /// Stale temps are removed only when they are regular files of ours or the map's owner's.
    @Test func onlyOurOwnStaleTempsAreRemoved() throws {
        let setting = try Setting()
        let me = try Neighbour.identity()
        try setting.dir.write(".w.map.assetmap-save-owner", "the map owner's")
        chown(setting.dir.path(".w.map.assetmap-save-owner"), me.uid, me.gid)
        try setting.dir.write(".w.map.assetmap-save-other", "a third user's")
        chown(setting.dir.path(".w.map.assetmap-save-other"), 4242, 4242)
        try setting.plantSymlink(".w.map.assetmap-save-link", to: setting.secret)
        #expect(try setting.dir.run("set", "w.map", "rmc", "when=Mondays").status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: setting.dir.url.path).sorted()
        #expect(left == [".w.map.assetmap-save-link", ".w.map.assetmap-save-other", "secret", "w.map"])
        try setting.expectUntouched()
        var st = stat()
        #expect(stat(setting.dir.path("w.map"), &st) == 0 && st.st_uid == me.uid, "root's edit leaves the map theirs")
    }

    /// Mode bits alone said a 0664 map was writable: for a user outside its group it is not.
    @Test func aGroupMapIsReadOnlyForSomeoneOutsideTheGroup() throws {
        _ = try Neighbour.identity()
        let dir = try TemporaryFolder()
        chmod(dir.url.path, 0o777)
        try dir.write("w.map", walsall)
        chmod(dir.path("w.map"), 0o664)
        let result = try Neighbour.run(["set", "w.map", "rmc", "when=Mondays"], in: dir.url)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("w.map: not changed: it is read-only (you have no write permission); --force"),
            "\(result.stderr)")
        #expect(try dir.read("w.map") == walsall)
        var st = stat()
        #expect(stat(dir.path("w.map"), &st) == 0 && st.st_uid == 0, "the owner stays")
    }

    @Test func aFolderWithoutWritePermissionIsSaidSo() throws {
        _ = try Neighbour.identity()
        let dir = try TemporaryFolder()
        chmod(dir.url.path, 0o755)
        try dir.write("w.map", walsall)
        chmod(dir.path("w.map"), 0o666)
        let result = try Neighbour.run(["set", "w.map", "rmc", "when=Mondays"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("you have no write permission in its folder"), "\(result.stderr)")
        #expect(!result.stderr.contains("No such file"))
        #expect(try dir.read("w.map") == walsall)
    }

    /// `-o` does what a shell's `>` may: a 0444 file of one's own is not replaced.
    @Test func outputDoesNotReplaceAFileAShellCouldNotWrite() throws {
        let me = try Neighbour.identity()
        let dir = try TemporaryFolder()
        chown(dir.url.path, me.uid, me.gid)
        try dir.write("w.map", walsall)
        try dir.write("kept.dot", "kept\n")
        chown(dir.path("kept.dot"), me.uid, me.gid)
        chmod(dir.path("kept.dot"), 0o444)
        let result = try Neighbour.run(["export", "dot", "w.map", "-o", "kept.dot"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("kept.dot: not written: Permission denied"), "\(result.stderr)")
        #expect(try dir.read("kept.dot") == "kept\n")
    }
}

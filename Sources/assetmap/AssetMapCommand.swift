import ArgumentParser
import AssetMapCore
import Foundation

/// `assetmap [FILE]` opens the UI; the subcommands are the scriptable side.
@main
struct AssetMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assetmap",
        abstract: "Map communities, organisations, places, barriers and improvements in a plain-text file.",
        // The default command's own usage first: `assetmap FILE` is how the program is opened.
        usage: """
            assetmap [FILE] [--strict]
                   assetmap new FILE [--title TITLE] [--area AREA]
                   assetmap <subcommand>
            """,
        discussion: """
            Every command that changes a map locks it (waiting up to 10 s for another process, then \
            naming it), re-reads it, refuses it if it has errors or is read-only (--force edits a \
            read-only map), and saves atomically, keeping symlinks, hard links, owner and permissions. \
            -o writes like a shell's >: - is standard output, devices and pipes are written to.
            """,
        version: "assetmap \(AssetMapCommand.version)",
        subcommands: [
            Open.self,
            NewCommand.self,
            CheckCommand.self,
            FmtCommand.self,
            ShowCommand.self,
            AddCommand.self,
            SetCommand.self,
            UnsetCommand.self,
            LinkCommand.self,
            UnlinkCommand.self,
            RemoveCommand.self,
            RenameCommand.self,
            ImportCommand.self,
            ExportCommand.self,
            Report.self,
            InsightsCommand.self,
            DiffCommand.self,
            MergeFileCommand.self,
            ResolveCommand.self,
            GitSetupCommand.self,
            CombineCommand.self,
            HistoryCommand.self,
        ],
        defaultSubcommand: Open.self
    )

    static let version = "0.2.0"

    /// Like ArgumentParser's main, but usage errors exit 2 (1 is kept for "the map has errors").
    static func main() {
        // Buffers of a megabyte and more get pages of their own, given back when freed. glibc would otherwise raise
        // this threshold after the loader frees its first large temporary, and keep later large arrays in a heap
        // that never shrinks (measured in docs/BENCHMARKS.md, "Measurements once kept in code comments").
        _ = mallopt(-3 /* M_MMAP_THRESHOLD */, 1 << 20)
        // Heaps grow 16 MB at a time instead of 128 KB: a large map's hundreds of thousands of small allocations
        // otherwise grow them by a system call every 128 KB, each holding up the other core's page faults
        // (docs/BENCHMARKS.md). Pages never written are never taken from the system.
        _ = mallopt(-2 /* M_TOP_PAD */, 16 << 20)
        refuseArgumentsThatAreNotUTF8()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error).rawValue == ExitCode.validationFailure.rawValue {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Maps are UTF-8: an argument that is not (a value typed in Latin-1, a file name from another system)
/// would reach the map as U+FFFD, silently changed. Refused, naming it, before anything runs.
private func refuseArgumentsThatAreNotUTF8() {
    for index in 1..<Int(CommandLine.argc) {
        guard let raw = CommandLine.unsafeArgv[index], String(validatingCString: raw) == nil else { continue }
        let bytes = UnsafeBufferPointer(
            start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
        let shown = bytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }.joined()
        FileHandle.standardError.write(
            Data(
                "assetmap: argument \(index) is not UTF-8 text ('\(Escaping.visible(shown))'); nothing was done\n".utf8)
        )
        Foundation.exit(2)
    }
}

/// glibc's malloc tuning (malloc.h, which the Glibc module leaves out).
@_silgen_name("mallopt") private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32

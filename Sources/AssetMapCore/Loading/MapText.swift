import Foundation

/// A label or attribute value as read: where its bytes are in the map file until it is asked for, then a String.
/// Most are never looked at by `check` or an export, and a String of its own each (an allocation and a copy)
/// was a large part of loading a large map (docs/BENCHMARKS.md). Short texts (a String holds up to 15 bytes without allocating) and texts
/// set by edits are Strings from the start.
struct MapText: Hashable, Sendable {
    private enum Storage: Sendable {
        case string(String)
        case file(start: Int32, count: Int32, FileBytes)
    }

    private var storage: Storage

    init(_ string: String) { storage = .string(string) }

    /// `count` bytes at `start` in `file`, read as UTF-8 (invalid bytes become U+FFFD, as `String(decoding:)` does).
    init(_ file: FileBytes, start: Int, count: Int) { storage = .file(start: Int32(start), count: Int32(count), file) }

    var string: String {
        switch storage {
        case .string(let string): string
        case .file(let start, let count, let file): file.withBytes(start, count) { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Runs `body` on the text's UTF-8, without making a String (a document's bytes are valid UTF-8).
    func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch storage {
        case .string(var string): return try string.withUTF8(body)
        case .file(let start, let count, let file): return try file.withBytes(start, count, body)
        }
    }

    /// Texts with the same bytes are equal without making Strings; others compare as Strings do (canonically).
    static func == (a: MapText, b: MapText) -> Bool {
        if case .file(let s1, let c1, let f1) = a.storage, case .file(let s2, let c2, let f2) = b.storage {
            if f1.withBytes(s1, c1, { x in f2.withBytes(s2, c2) { y in x.elementsEqual(y) } }) { return true }
        }
        return a.string == b.string
    }

    func hash(into hasher: inout Hasher) { hasher.combine(string) }
}

/// A map file's bytes as read, shared by the texts still kept as places in it. One per part of a load: texts
/// of one part retain their own, so the two cores do not take turns with one reference count.
final class FileBytes: Sendable {
    private let data: Data

    init(_ data: Data) { self.data = data }

    func withBytes<R>(_ start: Int32, _ count: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try data.withUnsafeBytes { raw in
            try body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[Int(start)..<Int(start + count)]))
        }
    }
}

/// Makes the texts a parser reads: places in the file for long ones from the file, Strings for the rest (short
/// ones, and lines written by edits, which are not in the file).
struct TextMaker {
    private let file: FileBytes
    private let fileBytes: UnsafeBufferPointer<UInt8>

    init(_ reader: MapLines.Reader) {
        file = FileBytes(reader.fileData)
        fileBytes = reader.file
    }

    /// The text of `bytes[range]`.
    @inline(__always) func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> MapText {
        let part = UnsafeBufferPointer(rebasing: bytes[range])
        if part.count > 15, let base = fileBytes.baseAddress, let start = part.baseAddress,
            start >= base, start + part.count <= base + fileBytes.count
        {
            return MapText(file, start: start - base, count: part.count)
        }
        return MapText(String(decoding: part, as: UTF8.self))
    }
}

import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replace `removed` lines at `start` with `inserted`. Its inverse swaps the two.
package struct Splice: Equatable, Sendable {
    package var start: Int
    package var removed: [String]
    package var inserted: [String]

    package init(start: Int, removed: [String], inserted: [String]) {
        self.start = start
        self.removed = removed
        self.inserted = inserted
    }

    package var inverse: Splice { Splice(start: start, removed: inserted, inserted: removed) }
}

/// One user-level edit: splices applied in order. Undo applies `inverse`.
package struct Change: Equatable, Sendable {
    /// What it did, for status lines and undo messages ("set status of proof-of-address").
    package var summary: String
    package var splices: [Splice]

    package init(_ summary: String, _ splices: [Splice]) {
        self.summary = summary
        self.splices = splices
    }

    package var inverse: Change { Change(summary, splices.reversed().map(\.inverse)) }
}

/// Why a map could not be read: at line 1 column 1 for a file that cannot be read, at the first bad byte
/// for one that is not UTF-8.
package struct MapLoadError: Error, CustomStringConvertible, Sendable {
    package enum Reason: Equatable, Sendable { case noSuchFile, isDirectory, unreadable, tooLarge, invalidUTF8 }
    package var reason: Reason
    package var diagnostic: Diagnostic
    package var description: String { diagnostic.message }

    init(_ reason: Reason, _ diagnostic: Diagnostic) {
        self.reason = reason
        self.diagnostic = diagnostic
    }

    init(_ reason: Reason, _ message: String) {
        self.init(reason, Diagnostic(.error, line: 1, column: 1, message))
    }
}

/// A map file as an editable document (like toml_edit): the exact lines of the file plus the graph
/// parsed from them. Saving an unedited document gives back the same bytes; edits touch only their lines.
package struct MapDocument: Sendable {
    /// The file's lines without "\n"; a CRLF file's lines keep their "\r".
    package private(set) var lines: MapLines
    package private(set) var hasFinalNewline: Bool
    /// The file starts with a UTF-8 byte-order mark (some Windows editors write one). It is kept in front of
    /// the file, not in its first line, so an edit at the top cannot move it into the middle.
    package private(set) var hasByteOrderMark: Bool
    package private(set) var graph: MapGraph

    /// Parses text (never fails: syntax errors are in `graph.syntaxErrors`).
    package init(text: String) {
        precondition(text.utf8.count <= MapDocument.maximumSize, "a map over 2 GB")
        self.init(loaded: Parser.load(Data(text.utf8), validate: false)!)
    }

    /// Decodes UTF-8 bytes, refusing invalid UTF-8 with the line and column of the first bad byte.
    /// The document keeps `data` as its lines' storage.
    package init(data: Data) throws {
        guard data.count <= MapDocument.maximumSize else { throw MapDocument.tooLarge }
        guard let loaded = Parser.load(data, validate: true) else {
            throw MapLoadError(.invalidUTF8, MapDocument.firstInvalidUTF8(in: data))
        }
        self.init(loaded: loaded)
    }

    /// The one way a map file is loaded (command line, UI and benchmark): throws a `MapLoadError`.
    /// `mapped`: see `read`.
    package init(contentsOf path: String, mapped: Bool = false) throws {
        try self.init(data: try MapDocument.read(path, mapped: mapped))
    }

    /// A map file's bytes, or a `MapLoadError` saying why they cannot be read.
    ///
    /// `mapped` maps a large regular file's pages from the page cache instead of copying them, for a short
    /// read-only look (`check`): a tenth of the time. Never for a document kept open: a program that rewrites
    /// the file in place would change the bytes under it, and shortening it makes reading the lost pages raise
    /// SIGBUS (the caller's to handle).
    package static func read(_ path: String, mapped: Bool = false) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw readError(errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw readError(errno) }
        if st.st_mode & S_IFMT == S_IFDIR { throw readError(EISDIR) }
        if mapped && st.st_mode & S_IFMT == S_IFREG && st.st_size >= 1 << 20 && st.st_size <= maximumSize,
            let pages = mmap(nil, Int(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), pages != MAP_FAILED
        {
            return Data(bytesNoCopy: pages, count: Int(st.st_size), deallocator: .unmap)
        }
        // Read in place into a buffer of the file's size, which the document then keeps as it is. The size is a
        // hint only (a pipe or a growing file reads to its end); the spare byte lets the read that finds the end
        // come back with 0 without growing the buffer.
        var capacity = max(Int(st.st_size), 0) + 1
        var buffer = malloc(capacity)!
        var filled = 0
        prefault(buffer, capacity)
        while true {
            if filled > maximumSize { free(buffer); throw tooLarge }
            if filled == capacity {
                capacity += max(1 << 16, capacity / 2)
                buffer = realloc(buffer, capacity)!
            }
            let n = Glibc.read(fd, buffer + filled, capacity - filled)
            if n < 0 {
                if errno == EINTR { continue }
                let error = readError(errno)
                free(buffer)
                throw error
            }
            if n == 0 { break }
            filled += n
        }
        return Data(bytesNoCopy: buffer, count: filled, deallocator: .free)
    }

    /// Maps a large buffer's pages in one step before `read` fills it, rather than a page fault per page
    /// (MADV_POPULATE_WRITE, Linux 5.14; an older kernel refuses the advice, harmlessly).
    private static func prefault(_ start: UnsafeMutableRawPointer, _ count: Int) {
        let page = 4096, populateWrite: Int32 = 23
        guard count >= 4 << 20 else { return }
        let first = (Int(bitPattern: start) + page - 1) & ~(page - 1),
            end = (Int(bitPattern: start) + count) & ~(page - 1)
        guard end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, end - first, populateWrite)
    }

    /// Lines and columns are kept in 32 bits (a large map holds millions of them).
    static let maximumSize = Int(Int32.max)
    static let tooLarge = MapLoadError(.tooLarge, "the file is larger than 2 GB, too large for a map")

    private static func readError(_ code: Int32) -> MapLoadError {
        switch code {
        case ENOENT, ENOTDIR: return MapLoadError(.noSuchFile, "cannot read the file: no such file")
        case EISDIR: return MapLoadError(.isDirectory, "cannot read the file: it is a directory")
        case EACCES, EPERM: return MapLoadError(.unreadable, "cannot read the file: permission denied")
        default: return MapLoadError(.unreadable, "cannot read the file: \(String(cString: strerror(code)))")
        }
    }

    init(loaded: Parser.Loaded) {
        lines = loaded.lines
        hasFinalNewline = loaded.hasFinalNewline
        hasByteOrderMark = loaded.hasByteOrderMark
        graph = loaded.graph
    }

    /// The document as it would be saved.
    package var text: String {
        let count = savedByteCount
        return String(unsafeUninitializedCapacity: count) { copySavedBytes(into: $0) }
    }

    package var data: Data {
        var data = Data(count: savedByteCount)
        data.withUnsafeMutableBytes { raw in _ = copySavedBytes(into: raw.bindMemory(to: UInt8.self)) }
        return data
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private var savedByteCount: Int {
        max(
            lines.byteCount + lines.count - 1 + (hasFinalNewline && !lines.isEmpty ? 1 : 0)
                + (hasByteOrderMark ? 3 : 0), 0)
    }

    /// Writes the lines joined by "\n" (plus the final newline) into `buffer`, which holds exactly `savedByteCount`.
    private func copySavedBytes(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var offset = 0
        func put(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            (buffer.baseAddress! + offset).update(from: base, count: bytes.count)
            offset += bytes.count
        }
        if hasByteOrderMark { MapDocument.byteOrderMark.withUnsafeBufferPointer(put) }
        lines.withReader { reader in
            for index in lines.indices {
                if index > 0 { buffer[offset] = 0x0A; offset += 1 }
                put(reader[index])
            }
        }
        if hasFinalNewline && !lines.isEmpty { buffer[offset] = 0x0A; offset += 1 }
        return offset
    }

    /// New lines follow the file's line ending.
    package var usesCRLF: Bool { lines.first?.utf8.last == 0x0D }

    /// A line's text without a CRLF file's "\r".
    package func content(ofLine index: Int) -> String {
        let line = lines[index]
        return line.utf8.last == 0x0D ? String(line.utf8.dropLast())! : line
    }

    /// Applies an edit and brings the graph up to date: by re-reading only the records around each splice
    /// (what changed is returned), or, when that cannot be exact, the whole file (nil is returned).
    @discardableResult
    package mutating func apply(_ change: Change) -> GraphDelta? {
        // A CRLF file without a final newline has no "\r" on its last line only; keep it so when the end moves.
        let crlfWithoutFinalNewline = !hasFinalNewline && usesCRLF
        // Each splice costs a pass over the graph's tail: a change of many (a reformatting) is read afresh.
        var delta: GraphDelta? = change.splices.count <= 64 ? GraphDelta() : nil
        for splice in change.splices {
            let touchesEnd =
                crlfWithoutFinalNewline && !lines.isEmpty && splice.start + splice.removed.count == lines.count
            let last = lines.count - 1
            // A line outside the splice gains or loses that "\r"; it reads otherwise only when it ends in a lone
            // "\r" of its own (a file cut after a "\r"): then the graph is read afresh.
            var outsideReadsOtherwise = false
            if touchesEnd {
                outsideReadsOtherwise = splice.removed.isEmpty && lines[last].utf8.last == 0x0D
                lines.replaceSubrange(last..<(last + 1), with: [lines[last] + "\r"])
            }
            lines.replaceSubrange(splice.start..<(splice.start + splice.removed.count), with: splice.inserted)
            if touchesEnd, let end = lines.last, end.utf8.last == 0x0D {
                let stripped = String(end.utf8.dropLast())!
                if splice.inserted.isEmpty && stripped.utf8.last == 0x0D { outsideReadsOtherwise = true }
                lines.replaceSubrange((lines.count - 1)..<lines.count, with: [stripped])
            }
            if delta != nil, outsideReadsOtherwise || !graph.update(after: splice, lines: lines, delta: &delta!) {
                delta = nil
            }
        }
        if !hasByteOrderMark, let first = lines.first, first.unicodeScalars.first == "\u{FEFF}" {
            // A U+FEFF from mid-file now starts the file: a byte-order mark, as a fresh read takes it (found by fuzzing).
            hasByteOrderMark = true
            lines.replaceSubrange(0..<1, with: [String(first.unicodeScalars.dropFirst())])
            delta = nil
        }
        if delta == nil { graph = Parser.parse(lines) }
        return delta
    }

    /// Lines written by edits get the file's line ending.
    func ending(_ newLines: [String]) -> [String] {
        usesCRLF ? newLines.map { $0 + "\r" } : newLines
    }

    /// Lines `range` as a splice removes them. A CRLF file without a final newline has no "\r" on its last line,
    /// and `apply` gives it one back while a splice changes the end: so does this, or undoing would put back a
    /// last line ending in a lone "\r" without it. (When the whole file goes, `apply` has no line to do so.)
    func removedLines(_ range: Range<Int>) -> [String] {
        var removed = Array(lines[range])
        if range.lowerBound > 0, range.upperBound == lines.count, !range.isEmpty, !hasFinalNewline, usesCRLF {
            removed[removed.count - 1] += "\r"
        }
        return removed
    }

    private static func firstInvalidUTF8(in data: Data) -> Diagnostic {
        var line = 1, lineStart = data.startIndex
        var i = data.startIndex
        while i < data.endIndex {
            let b = data[i]
            let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            let end = i + max(length, 1)
            if length == 0 || end > data.endIndex || String(validating: data[i..<end], as: UTF8.self) == nil {
                let column = String(decoding: data[lineStart..<i], as: UTF8.self).count + 1
                return Diagnostic(
                    .error, line: line, column: column,
                    "the file is not valid UTF-8 (byte 0x\(String(b, radix: 16, uppercase: true))); save it as UTF-8")
            }
            if b == 0x0A { line += 1; lineStart = end }
            i = end
        }
        return Diagnostic(.error, line: line, column: 1, "the file is not valid UTF-8; save it as UTF-8")
    }
}

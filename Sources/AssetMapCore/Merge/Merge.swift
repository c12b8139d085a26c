import Foundation

/// Why a version cannot be merged record by record.
package struct MergeRefusal: Error, CustomStringConvertible, Sendable {
    /// "base", "ours" or "theirs".
    package var version: String
    package var diagnostic: Diagnostic
    package var description: String { "\(version): line \(diagnostic.line): \(diagnostic.message)" }
}

/// A conflict found by a merge, on a record.
package struct RecordConflict: Equatable, Sendable {
    package var record: RecordKey
    package var conflict: FieldConflict
}

/// The outcome of a three-way merge: the change that turns ours into the merged map, and what was in conflict.
package struct MergeResult: Sendable {
    package var change: Change
    package var conflicts: [RecordConflict]
    /// Records theirs added, changed or removed that the merge took.
    package var taken = 0
    /// Records where both sides changed one comment differently: both versions of it were kept.
    package var commentsKeptBoth: [RecordKey] = []
}

extension MergeResult {
    /// The merged file's bytes: what `ours.apply(change)` then `ours.data` give, without reading the result into
    /// a graph (a merge written straight to disk needs none). The merge's splices never overlap.
    package func mergedData(of ours: MapDocument) -> Data {
        let splices = change.splices.sorted { $0.start < $1.start }
        var out: [UInt8] = ours.hasByteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        out.reserveCapacity(
            ours.lines.byteCount + ours.lines.count
                + splices.reduce(0) { $0 + $1.inserted.reduce(0) { $0 + $1.utf8.count + 1 } } + 3)
        // A CRLF file without a final newline has no "\r" on its last line only: where the end moved, the old
        // last line gets one and the new last line loses it.
        let endMoved = splices.last.map { $0.start + $0.removed.count == ours.lines.count } ?? false
        let movesCR = endMoved && !ours.hasFinalNewline && ours.usesCRLF
        var lineCount = 0
        func put(_ bytes: some Collection<UInt8>) {
            if lineCount > 0 { out.append(0x0A) }
            out.append(contentsOf: bytes)
            lineCount += 1
        }
        ours.lines.withReader { reader in
            var line = 0
            func putOurs() {
                put(reader[line])
                if movesCR && line == ours.lines.count - 1 { out.append(0x0D) }
                line += 1
            }
            for splice in splices {
                while line < splice.start { putOurs() }
                for text in splice.inserted { put(text.utf8) }
                line += splice.removed.count
            }
            while line < ours.lines.count { putOurs() }
        }
        if movesCR && out.last == 0x0D { out.removeLast() }
        if ours.hasFinalNewline && lineCount > 0 { out.append(0x0A) }
        return Data(out)
    }
}

extension MapDocument {
    /// Three-way merge, record by record: nodes matched by id, edges by (from, to, relation), attributes by
    /// key; repeated keys (dated notes) merged as a union in order. The result is a change to `self` (ours):
    /// our layout and comments stay, their new records and comment changes go where they had them. A field
    /// both sides changed differently keeps our value; with `markConflicts` a `conflict:` line carrying both
    /// values is written under it, so the map still loads and `check` names it.
    package func merge(base: MapDocument, theirs: MapDocument, markConflicts: Bool = true) throws -> MergeResult {
        var merger = ThreeWayMerge(
            base: MapLayout(base), ours: MapLayout(self), theirs: MapLayout(theirs), markConflicts: markConflicts)
        for (name, layout) in [("base", merger.base), ("ours", merger.ours), ("theirs", merger.theirs)] {
            if let diagnostic = layout.mergeRefusal(edges: name != "ours") {
                throw MergeRefusal(version: name, diagnostic: diagnostic)
            }
        }
        return merger.run()
    }
}

/// The working state of one merge.
private struct ThreeWayMerge {
    enum Outcome {
        case keep(MergedRecord)
        case remove
        case insert(conflicts: [FieldConflict])
    }

    let base: MapLayout, ours: MapLayout, theirs: MapLayout
    let markConflicts: Bool
    /// Per record of ours (keep or remove) and of theirs (insert): only records that need something have one.
    var oursOutcome: [Outcome?]
    var theirsOutcome: [Outcome?]
    /// The same record in the other versions (-1: not there), found once by identity.
    var baseOfOurs: [Int] = [], theirsOfOurs: [Int] = [], oursOfTheirs: [Int], baseOfTheirs: [Int] = []
    var conflicts: [RecordConflict] = []
    var commentsKeptBoth: [RecordKey] = []
    var edits: [LineEdit] = []

    init(base: MapLayout, ours: MapLayout, theirs: MapLayout, markConflicts: Bool) {
        (self.base, self.ours, self.theirs, self.markConflicts) = (base, ours, theirs, markConflicts)
        oursOutcome = Array(repeating: nil, count: ours.records.count)
        theirsOutcome = Array(repeating: nil, count: theirs.records.count)
        oursOfTheirs = Array(repeating: -1, count: theirs.records.count)
    }

    /// Replace `removed` lines of ours at `start` with `inserted`; `phase` orders edits at one line: what
    /// ends the record above (0), what is inserted between records (1), then what replaces lines (2).
    struct LineEdit {
        var start: Int
        var phase: Int
        var removed: Int
        var inserted: [String]
    }

    mutating func run() -> MergeResult {
        decideRecords()
        keepLinksOfNodesInConflict()
        keepEndsOfEdges()
        var taken = 0
        for (i, record) in ours.records.enumerated() {
            switch oursOutcome[i] {
            case .keep(let merged):
                editRecord(i, merged)
                if !merged.isUnchanged { taken += 1 }
                conflicts += merged.conflicts.map { RecordConflict(record: ours.key(i), conflict: $0) }
                if merged.commentsKeptBoth { commentsKeptBoth.append(ours.key(i)) }
            case .remove:
                edits.append(
                    LineEdit(start: record.lines.lowerBound, phase: 2, removed: record.lines.count, inserted: []))
                taken += 1
            case .insert, nil: break
            }
        }
        for (i, outcome) in theirsOutcome.enumerated() {
            if case .insert(let found) = outcome {
                conflicts += found.map { RecordConflict(record: theirs.key(i), conflict: $0) }
            }
        }
        taken += placeTheirs()
        return MergeResult(
            change: Change("merge", splices()), conflicts: conflicts, taken: taken, commentsKeptBoth: commentsKeptBoth)
    }

    /// Each record's fate by identity. Records the same in ours and theirs, or that theirs left as they
    /// were, are only compared.
    private mutating func decideRecords() {
        let sameAsTheirs: [Bool], theirsSameAsBase: [Bool]
        baseOfOurs = ours.partners(in: base).partner
        (theirsOfOurs, sameAsTheirs) = ours.partners(in: theirs)
        (baseOfTheirs, theirsSameAsBase) = theirs.partners(in: base)
        for (i, t) in theirsOfOurs.enumerated() where t >= 0 { oursOfTheirs[t] = i }
        for i in ours.records.indices {
            let b = baseOfOurs[i], t = theirsOfOurs[i]
            if t >= 0 {
                if sameAsTheirs[i] || theirsSameAsBase[t] { continue }
                var merged =
                    theirs.sameContent(t, as: ours, i) || (b >= 0 && base.sameContent(b, as: theirs, t))
                    ? MergedRecord(head: ours.fields(i).head)
                    : RecordMerge.merge(
                        base: b >= 0 ? base.fields(b) : nil, ours: ours.fields(i), theirs: theirs.fields(t))
                if b >= 0 {
                    CommentRuns.merge(
                        base: CommentRuns(base, b), ours: CommentRuns(ours, i), theirs: CommentRuns(theirs, t),
                        into: &merged)
                }
                if !merged.isUnchanged { oursOutcome[i] = .keep(merged) }
            } else if b >= 0 {
                oursOutcome[i] =
                    base.sameContent(b, as: ours, i)
                    ? .remove
                    : .keep(conflictOnly(i, FieldConflict(.deleted, ours: "changed it", theirs: nil)))
            }
        }
        for t in theirs.records.indices where oursOfTheirs[t] < 0 {
            let b = baseOfTheirs[t]
            if b < 0 {
                theirsOutcome[t] = .insert(conflicts: [])
            } else if !theirsSameAsBase[t] && !base.sameContent(b, as: theirs, t) {
                theirsOutcome[t] = .insert(conflicts: [FieldConflict(.deleted, ours: nil, theirs: "changed it")])
            }
        }
    }

    private func conflictOnly(_ i: Int, _ conflict: FieldConflict) -> MergedRecord {
        var merged = MergedRecord(head: ours.fields(i).head)
        merged.conflicts = [conflict]
        return merged
    }

    /// A node one side deleted and the other changed stays, in conflict, and so do the links the deleting
    /// side removed with it: resolving keeps both (the node as it was changed) or removes both.
    private mutating func keepLinksOfNodesInConflict() {
        func inDeleteConflict(_ conflicts: [FieldConflict]) -> Bool { conflicts.contains { $0.field == .deleted } }
        for (i, outcome) in oursOutcome.enumerated() {
            guard case .keep(let merged) = outcome, inDeleteConflict(merged.conflicts), case .node(let id) = ours.key(i)
            else { continue }
            for edge in ours.document.graph.edges(touching: id) {
                if let e = ours.record(atLine: edge.line), case .remove = oursOutcome[e] { oursOutcome[e] = nil }
            }
        }
        for (t, outcome) in theirsOutcome.enumerated() {
            guard case .insert(let conflicts) = outcome, inDeleteConflict(conflicts), case .node(let id) = theirs.key(t)
            else { continue }
            for edge in theirs.document.graph.edges(touching: id) {
                if let e = theirs.record(atLine: edge.line), oursOfTheirs[e] < 0, theirsOutcome[e] == nil {
                    theirsOutcome[e] = .insert(conflicts: [])
                }
            }
        }
    }

    /// An edge the merge keeps must not lose its ends: a node one side deleted and the other linked to stays,
    /// in conflict. Only the nodes the merge removes and the edges it inserts need looking at.
    private mutating func keepEndsOfEdges() {
        var kept: [RecordKey] = []
        let graph = ours.document.graph
        for (i, outcome) in oursOutcome.enumerated() {
            guard case .remove = outcome, case .node(let id) = ours.key(i) else { continue }
            for edge in graph.edges(touching: id) {
                if let e = ours.record(atLine: edge.line), case .remove = oursOutcome[e] { continue }
                kept.append(.edge(from: edge.from, to: edge.to, relation: edge.relation))
            }
        }
        for (t, outcome) in theirsOutcome.enumerated() {
            if case .insert = outcome, case .edge = theirs.key(t) { kept.append(theirs.key(t)) }
        }
        for key in kept {
            guard case .edge(let from, let to, _) = key else { continue }
            for id in [from, to] {
                let linked = "kept it, linked by \(key)"
                if let node = graph.node(id), let i = ours.record(atLine: node.line) {
                    if case .remove = oursOutcome[i] {
                        oursOutcome[i] = .keep(conflictOnly(i, FieldConflict(.deleted, ours: linked, theirs: nil)))
                    }
                } else if let node = theirs.document.graph.node(id), let t = theirs.record(atLine: node.line),
                    theirsOutcome[t] == nil
                {
                    theirsOutcome[t] = .insert(conflicts: [FieldConflict(.deleted, ours: nil, theirs: linked)])
                }
            }
        }
    }

    /// Chunks as numbers equal when they are the same record or the same text between records, from the
    /// identities `decideRecords` found (no second lookup).
    private func chunkCodes() -> (base: [Int], ours: [Int], theirs: [Int]) {
        let nBase = base.records.count, nOurs = ours.records.count, nTheirs = theirs.records.count
        var texts: [String: Int] = [:]
        func code(_ layout: MapLayout, _ record: (Int) -> Int) -> [Int] {
            layout.chunks.map { chunk in
                switch chunk {
                case .record(let i): return record(i)
                case .trivia(let line):
                    let text = layout.document.content(ofLine: line)
                    if let code = texts[text] { return code }
                    texts[text] = nBase + nOurs + nTheirs + texts.count
                    return texts[text]!
                }
            }
        }
        let oursCode = { (i: Int) in baseOfOurs[i] >= 0 ? baseOfOurs[i] : nBase + i }
        return (
            code(base) { $0 }, code(ours, oursCode),
            code(theirs) { t in
                oursOfTheirs[t] >= 0
                    ? oursCode(oursOfTheirs[t]) : baseOfTheirs[t] >= 0 ? baseOfTheirs[t] : nBase + nOurs + t
            }
        )
    }

    // MARK: Writing into ours

    private var indentUnit: String { "  " }

    /// Edits of one of our records: its first line, the keys whose values changed, and conflict lines.
    private mutating func editRecord(_ i: Int, _ merged: MergedRecord) {
        let document = ours.document
        let record = ours.records[i], attributes = ours.attributes(i)
        let first = record.lines.lowerBound
        if merged.headChanged {
            edits.append(
                LineEdit(
                    start: first, phase: 2, removed: 1,
                    inserted: [RecordFields(head: merged.head, attributes: []).headLine(for: ours.key(i))]))
        }
        let indent =
            attributes.first.map {
                String(document.content(ofLine: first + $0.offset).prefix { $0 == " " || $0 == "\t" })
            } ?? indentUnit
        func lines(_ attribute: Attribute) -> Range<Int> {
            (first + attribute.offset)..<(first + attribute.offset + attribute.lineCount)
        }
        func render(_ key: String, _ values: [String]) -> [String] {
            values.flatMap { Syntax.attributeLines(key: key, value: $0, indent: indent) }
        }
        for (lines, text) in merged.comments {
            edits.append(
                LineEdit(
                    start: first + lines.lowerBound, phase: lines.isEmpty ? 1 : 2, removed: lines.count, inserted: text)
            )
        }
        for (key, values) in merged.changedKeys {
            let existing = attributes.filter { $0.key == key }
            guard let last = existing.last else {
                let comment = values.isEmpty ? [] : merged.commentsAboveNewKeys[key] ?? []
                edits.append(
                    LineEdit(
                        start: record.lines.upperBound, phase: 0, removed: 0, inserted: comment + render(key, values)))
                continue
            }
            if existing.count == values.count {
                for (attribute, value) in zip(existing, values) where attribute.value != value {
                    edits.append(
                        LineEdit(
                            start: lines(attribute).lowerBound, phase: 2, removed: attribute.lineCount,
                            inserted: render(key, [value])))
                }
                continue
            }
            var wanted = values.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
            for attribute in existing {
                if wanted[attribute.value, default: 0] > 0 { wanted[attribute.value]! -= 1; continue }
                edits.append(
                    LineEdit(start: lines(attribute).lowerBound, phase: 2, removed: attribute.lineCount, inserted: []))
            }
            let added = values.filter { value in
                guard wanted[value, default: 0] > 0 else { return false }
                wanted[value]! -= 1
                return true
            }
            if !added.isEmpty {
                edits.append(
                    LineEdit(start: lines(last).upperBound, phase: 0, removed: 0, inserted: render(key, added)))
            }
        }
        guard markConflicts else { return }
        for conflict in merged.conflicts {
            var at = record.lines.upperBound
            if case .attribute(let key) = conflict.field, let last = attributes.last(where: { $0.key == key }) {
                at = lines(last).upperBound
            }
            if case .head = conflict.field, let firstAttribute = attributes.first {
                at = lines(firstAttribute).lowerBound
            }
            edits.append(
                LineEdit(start: at, phase: 0, removed: 0, inserted: render(MapDocument.conflictKey, [conflict.encoded]))
            )
        }
    }

    /// Their new records and their changes to the lines between records (comments, blank lines), placed by
    /// lining the versions up: each stretch theirs changed goes where the same stretch is in ours. Their
    /// comment changes are taken only where ours left that stretch as it was.
    private mutating func placeTheirs() -> Int {
        let (baseCodes, oursCodes, theirsCodes) = chunkCodes()
        let oursOfBase = SequenceMatch.match(baseCodes, oursCodes)
        let theirsOfBase = SequenceMatch.match(baseCodes, theirsCodes)
        var taken = 0

        /// The line of ours before which something placed before base chunk `b` goes.
        func insertionLine(before b: Int) -> Int {
            var k = b
            while k < base.chunks.count && oursOfBase[k] < 0 { k += 1 }
            return k == base.chunks.count ? ours.document.lines.count : ours.firstLine(of: ours.chunks[oursOfBase[k]])
        }
        func toInsert(_ t: Int) -> (lines: [String], isRecord: Bool)? {
            switch theirs.chunks[t] {
            case .trivia: return (theirs.lines(of: theirs.chunks[t]), false)
            case .record(let i):
                guard case .insert(let found) = theirsOutcome[i] else { return nil }
                var lines = theirs.lines(of: theirs.chunks[t])
                if markConflicts {
                    let attributes = theirs.attributes(i)
                    let indent =
                        attributes.isEmpty
                        ? indentUnit : String(lines[attributes[0].offset].prefix { $0 == " " || $0 == "\t" })
                    for conflict in found {
                        lines += Syntax.attributeLines(
                            key: MapDocument.conflictKey, value: conflict.encoded, indent: indent)
                    }
                }
                return (lines, true)
            }
        }

        var previous = (base: -1, theirs: -1)
        var pairs = theirsOfBase.enumerated().filter { $0.element >= 0 }.map { (base: $0.offset, theirs: $0.element) }
        pairs.append((base.chunks.count, theirs.chunks.count))
        for pair in pairs {
            let baseRange = (previous.base + 1)..<pair.base, theirsRange = (previous.theirs + 1)..<pair.theirs
            if !baseRange.isEmpty || !theirsRange.isEmpty {
                // Theirs' changes to comments stand where ours kept the lines theirs replaced; what ours
                // inserted beside them does not matter.
                let clean = baseRange.allSatisfy { oursOfBase[$0] >= 0 }
                if clean {
                    for b in baseRange { if case .trivia = base.chunks[b] { deleteTrivia(oursOfBase[b]) } }
                }
                let pieces = theirsRange.compactMap(toInsert).filter {
                    clean || $0.isRecord || $0.lines.allSatisfy(\.isEmpty)
                }
                if clean ? !pieces.isEmpty : pieces.contains(where: \.isRecord) {
                    let at =
                        clean && !baseRange.isEmpty
                        ? ours.firstLine(of: ours.chunks[oursOfBase[baseRange.lowerBound]])
                        : insertionLine(before: pair.base)
                    edits.append(
                        LineEdit(start: at, phase: 1, removed: 0, inserted: tidy(pieces.flatMap(\.lines), at: at)))
                    taken += pieces.filter(\.isRecord).count
                }
            }
            // A record ours deleted that theirs changed comes back where it was.
            if pair.base < base.chunks.count, case .record = theirs.chunks[pair.theirs],
                let restored = toInsert(pair.theirs), restored.isRecord
            {
                edits.append(
                    LineEdit(start: insertionLine(before: pair.base), phase: 1, removed: 0, inserted: restored.lines))
                taken += 1
            }
            previous = pair
        }
        return taken
    }

    /// Lines from theirs as they go into ours: the blank lines left around records ours already has become
    /// one, and a comment starting the block is set apart from a line of ours above it.
    private func tidy(_ lines: [String], at line: Int) -> [String] {
        var result: [String] = []
        for text in lines where !(text.allSatisfy(\.isWhitespace) && (result.last?.allSatisfy(\.isWhitespace) ?? false))
        { result.append(text) }
        let above = line > 0 ? ours.document.content(ofLine: line - 1) : ""
        if let first = result.first, first.trimmingCharacters(in: .whitespaces).hasPrefix("#"),
            !above.allSatisfy(\.isWhitespace)
        {
            result.insert("", at: 0)
        }
        return result
    }

    private mutating func deleteTrivia(_ oursChunk: Int) {
        guard case .trivia(let line) = ours.chunks[oursChunk] else { return }
        edits.append(LineEdit(start: line, phase: 2, removed: 1, inserted: []))
    }

    /// The edits as splices on ours, last first so each one's line numbers hold when it is applied.
    private func splices() -> [Splice] {
        let document = ours.document
        let ordered = edits.enumerated().sorted {
            ($0.element.start, $0.element.phase, $0.offset) < ($1.element.start, $1.element.phase, $1.offset)
        }
        var result: [(start: Int, removed: Int, inserted: [String])] = []
        for edit in ordered.map(\.element) {
            if let last = result.last, last.start + last.removed == edit.start {
                result[result.count - 1].removed += edit.removed
                result[result.count - 1].inserted += edit.inserted
            } else {
                result.append((edit.start, edit.removed, edit.inserted))
            }
        }
        return result.reversed().map {
            Splice(
                start: $0.start, removed: document.removedLines($0.start..<($0.start + $0.removed)),
                inserted: document.ending($0.inserted))
        }
    }
}

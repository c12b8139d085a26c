/// A kind declaration, `kind NAME "Plural label"`: the one definition of the kind a line declares, read by the
/// lexer's own rules, for the count made before a load (a kind may be used before its declaration) as for the
/// parser, which reads the same tokens.
enum KindLine {
    /// Where the name is in a record line whose first word is `kind` and whose second token is a word. A
    /// declaration with a mistake after its name still declares it, so that its nodes read as nodes and the
    /// mistake is reported once, on the declaration.
    static func name(in line: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var lexer = Lexer(bytes: line)
        guard let first = lexer.next(), first.kind == .word, first.end - first.offset == 4,
            line[first.offset] == UInt8(ascii: "k"), line[first.offset + 1] == UInt8(ascii: "i"),
            line[first.offset + 2] == UInt8(ascii: "n"), line[first.offset + 3] == UInt8(ascii: "d"),
            let second = lexer.next(), second.kind == .word
        else { return nil }
        return second.offset..<second.end
    }
}

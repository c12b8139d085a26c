import Foundation

/// The one way the program uses more than one core: independent parts, each writing only its own result.
package enum Parallel {
    /// `body(0)`, …, `body(count - 1)`, at once when `parallel` (else in turn); the results in order.
    package static func map<T>(_ count: Int, parallel: Bool = true, _ body: @Sendable (Int) -> T) -> [T] {
        guard parallel && count > 1 else { return (0..<count).map(body) }
        let results = UnsafeMutablePointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil, count: count)
        defer { results.deinitialize(count: count); results.deallocate() }
        let slots = Slots(base: results)
        DispatchQueue.concurrentPerform(iterations: count) { slots.base[$0] = body($0) }
        return (0..<count).map { results[$0]! }
    }

    /// `body(0, shared)`, …: for parts that share what cannot cross threads by itself (buffers, pointers), each
    /// touching only its own part of it.
    package static func map<T, Shared>(
        _ count: Int, parallel: Bool = true, sharing shared: Shared,
        _ body: @Sendable (Int, Shared) -> T
    ) -> [T] {
        let box = Slots(base: shared)
        return map(count, parallel: parallel) { body($0, box.base) }
    }

    /// Runs `first` on `a` and `second` on `b` at once when `parallel`: two disjoint buffers, changed in place.
    package static func both<A, B>(
        _ a: UnsafeMutableBufferPointer<A>, _ first: @Sendable (UnsafeMutableBufferPointer<A>) -> Void,
        _ b: UnsafeMutableBufferPointer<B>, _ second: @Sendable (UnsafeMutableBufferPointer<B>) -> Void,
        parallel: Bool
    ) {
        guard parallel else { first(a); second(b); return }
        let buffers = Slots(base: (a, b))
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 { first(buffers.base.0) } else { second(buffers.base.1) }
        }
    }

    /// What the parts share: each touches only its own element.
    private struct Slots<Base>: @unchecked Sendable { let base: Base }
}

#if canImport(Glibc)
    import Glibc
#endif

/// The machine's network addresses a room could listen on (getifaddrs): each interface that is up,
/// IPv4 first, loopback included (a room for this machine only). IPv6 link-local addresses are left
/// out: a phone would need the interface's name to reach them.
package enum NetworkAddresses {
    package struct Address: Equatable, Sendable {
        package var interface: String
        package var host: String
        package var isLoopback: Bool
    }

    package static func list() -> [Address] {
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0 else { return [Address(interface: "lo", host: "127.0.0.1", isLoopback: true)] }
        defer { freeifaddrs(first) }
        var found: [Address] = []
        var next = first
        while let entry = next {
            defer { next = entry.pointee.ifa_next }
            let flags = Int32(bitPattern: entry.pointee.ifa_flags)
            guard flags & Int32(IFF_UP) != 0, let address = entry.pointee.ifa_addr,
                let host = numericHost(address)
            else { continue }
            if host.hasPrefix("fe80:") { continue }
            let name = String(cString: entry.pointee.ifa_name)
            let item = Address(interface: name, host: host, isLoopback: flags & Int32(IFF_LOOPBACK) != 0)
            if !found.contains(item) { found.append(item) }
        }
        if !found.contains(where: { $0.host == "127.0.0.1" }) {
            found.append(Address(interface: "lo", host: "127.0.0.1", isLoopback: true))
        }
        // IPv4 before IPv6, the network before loopback (what a phone can reach comes first).
        func rank(_ a: Address) -> Int { (a.host.contains(":") ? 2 : 0) + (a.isLoopback ? 1 : 0) }
        return found.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(
            \.element)
    }

    private static func numericHost(_ address: UnsafeMutablePointer<sockaddr>) -> String? {
        let family = Int32(address.pointee.sa_family)
        let length: Int
        switch family {
        case AF_INET: length = MemoryLayout<sockaddr_in>.size
        case AF_INET6: length = MemoryLayout<sockaddr_in6>.size
        default: return nil
        }
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard
            getnameinfo(address, socklen_t(length), &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0
        else { return nil }
        return String(cString: buffer)
    }
}

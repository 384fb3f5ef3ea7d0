/// Where a construct is declared, for messages that point the user at it.
public enum DeclarationSite: Hashable, Sendable {
    /// A stored property of the stack definition (`ticks`, `buckets[1]`).
    case property(String)
    /// A line of the stack's `body`.
    case body
    /// Added by another construct (`scope.add`), its parent in the tree.
    case nested

    /// "the stored property `ticks`", "the stack's body", "the construct MarketStream/Unit0", for the
    /// construct declared at `fullPath`.
    public func phrase(at fullPath: String) -> String {
        switch self {
        case .property(let name): return "the stored property `\(name)`"
        case .body: return "the stack's body"
        case .nested: return "the construct \(fullPath.split(separator: "/").dropLast().joined(separator: "/"))"
        }
    }
}

/// A declared construct and where it was declared.
struct Declaration: Sendable {
    var construct: any Construct
    var site: DeclarationSite
}

/// Every stack's top-level declarations, collected before any stack is built, so that a construct can
/// find a construct declared in another stack (references across stacks become imports). Never changed
/// once built: the stacks' workers read it at the same time.
final class EstateDeclarations: Sendable {
    private let stacks: [(name: String, declarations: [String: Declaration])]

    init(_ stacks: [(name: String, declarations: [Declaration])]) {
        self.stacks = stacks.map { ($0.name, DeclarationTable.firstByID($0.declarations)) }
    }

    /// The top-level declarations of `id` in the stacks other than `stack`, with their stacks.
    func declarations(of id: String, outside stack: String) -> [(stack: String, declaration: Declaration)] {
        stacks.compactMap { other in
            guard other.name != stack, let found = other.declarations[id] else { return nil }
            return (other.name, found)
        }
    }
}

/// What looking up a declared construct found.
enum DeclarationLookup {
    /// `path` is relative to `stack`.
    case found(Declaration, stack: String, path: String)
    /// In several other stacks: the references report it (`ambiguous-reference`).
    case ambiguous
    case notFound
}

/// The declared constructs of one stack that constructs look up (`Scope.declared`), as references are
/// resolved: the enclosing constructs' children first, innermost outwards, then the stack's top level,
/// then the other stacks' top level.
///
/// The top level is known before anything is synthesized, so its order does not matter. A nested
/// construct is known once it is added, and only while its parent is being synthesized: only the
/// constructs inside that parent could refer to it, and dropping it then keeps an estate of thousands
/// of constructs from being held twice. A look-up that finds nothing is settled after the stack is built
/// (`reportUnresolved`), so a nested construct added after the one that uses it is not reported.
struct DeclarationTable {
    private let topLevel: [String: Declaration]
    private let estate: EstateDeclarations
    /// Nested declarations by id, each with its parent's path, innermost last (parents finish in reverse
    /// order of starting, so entries come and go like a stack). Keyed by id, not path: a look-up then
    /// builds no candidate paths.
    private var nested: [String: [(parent: String, declaration: Declaration)]] = [:]
    private var nestedIDs: [String] = []
    private var unresolved: [(id: String, holder: String, reporter: String, property: String?, type: String)] = []
    /// Ids reported as `undeclared-construct`, with the full paths of the constructs that used them.
    private var undeclared: [String: [String]] = [:]

    init(topLevel: [Declaration], estate: EstateDeclarations) {
        self.topLevel = Self.firstByID(topLevel)
        self.estate = estate
    }

    /// The first declaration of each id: later ones are duplicates, reported where they are added.
    static func firstByID(_ declarations: [Declaration]) -> [String: Declaration] {
        Dictionary(declarations.map { ($0.construct.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Records `construct`, about to be synthesized under `parent` (nil at the top level, declared up
    /// front). Returns the mark to pass to `end(_:)` once it is synthesized.
    mutating func begin(_ construct: any Construct, under parent: String?) -> Int {
        let mark = nestedIDs.count
        if let parent {
            nested[construct.id, default: []].append((parent, Declaration(construct: construct, site: .nested)))
            nestedIDs.append(construct.id)
            return mark + 1  // the construct itself stays until its parent is done
        }
        return mark
    }

    /// Drops the nested constructs declared since `mark`: their parent is synthesized.
    mutating func end(_ mark: Int) {
        guard nestedIDs.count > mark else { return }
        for id in nestedIDs[mark...].reversed() { nested[id]?.removeLast() }
        nestedIDs.removeSubrange(mark...)
    }

    func lookUp(_ id: String, from holder: String, in stack: String) -> DeclarationLookup {
        // The innermost enclosing construct (the holder itself included) that has a child `id`.
        if let entries = nested[id], !holder.isEmpty {
            for entry in entries.reversed() where Self.isWithin(holder, entry.parent) {
                return .found(entry.declaration, stack: stack, path: PathJoin.join(entry.parent, id))
            }
        }
        if let found = topLevel[id] { return .found(found, stack: stack, path: id) }
        let elsewhere = estate.declarations(of: id, outside: stack)
        switch elsewhere.count {
        case 0: return .notFound
        case 1: return .found(elsewhere[0].declaration, stack: elsewhere[0].stack, path: id)
        default: return .ambiguous
        }
    }

    /// Whether `path` is `ancestor` or inside it (`Unit/Fn` is within `Unit`, `Unit2` is not).
    static func isWithin(_ path: String, _ ancestor: String) -> Bool {
        path == ancestor || (path.hasPrefix(ancestor) && path.utf8.dropFirst(ancestor.utf8.count).first == UInt8(ascii: "/"))
    }

    /// Records a look-up of `id` by the construct at `holder` that found nothing (yet).
    mutating func notFound(_ id: String, from holder: String, reporter: String, property: String?, type: String) {
        unresolved.append((id, holder, reporter, property, type))
    }

    /// Reports the look-ups whose construct is not in the stack once it is built (`constructPaths`) as
    /// `undeclared-construct`, naming what to declare.
    mutating func reportUnresolved(constructPaths: Set<String>, into diagnostics: inout Diagnostics) {
        for lookup in unresolved {
            let candidates = ReferenceResolver.candidates(for: lookup.id, from: lookup.holder)
            guard !candidates.contains(where: constructPaths.contains) else { continue }
            diagnostics.error(lookup.reporter, .undeclaredConstruct,
                              "\(lookup.type)(\"\(lookup.id)\") is used here but not declared in any stack",
                              hint: "declare it once in the stack that owns it: a stored property (let \(Self.propertyName(lookup.id)) = \(lookup.type)(\"\(lookup.id)\", ...)) or a line in its body",
                              property: lookup.property)
            undeclared[lookup.id, default: []].append(lookup.reporter)
        }
        unresolved.removeAll()
    }

    /// Whether a dangling reference to `target` from the resource at `path` was already reported as an
    /// `undeclared-construct` by the construct holding it (then it is not reported twice).
    func isReportedUndeclared(_ target: String, from path: String) -> Bool {
        guard let reporters = undeclared[target] else { return false }
        return reporters.contains { Self.isWithin(path, $0) }
    }

    /// `Jobs` → `jobs`, `RawData` → `rawData`: what a stored property would likely be called.
    private static func propertyName(_ id: String) -> String {
        let words = Naming.kebab(id).split(separator: "-")
        guard let first = words.first else { return "construct" }
        return String(first) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

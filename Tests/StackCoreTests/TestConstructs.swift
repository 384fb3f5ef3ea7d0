import StackAssets
import StackCore
import StackTemplate

/// A construct that adds one SQS queue-like resource with the given properties (tokens allowed).
struct Thing: Referenceable {
    let id: String
    var type = "AWS::SQS::Queue"
    var properties: TemplateMap = [:]
    var dependsOn: [String] = []
    var children: [String] = []

    func synthesize(in scope: Scope) {
        scope.resource(Resource(type: type, properties: properties, dependsOn: dependsOn))
        for child in children { scope.resource(child, Resource(type: "AWS::SQS::Queue")) }
    }
}

/// Many things at once, for limit tests.
struct ManyThings: Construct {
    let id: String
    let count: Int

    func synthesize(in scope: Scope) {
        for i in 0..<count { scope.resource("Item\(i)", Resource(type: "AWS::SQS::Queue")) }
    }
}

struct Outputs: Construct {
    let id: String
    let count: Int

    func synthesize(in scope: Scope) {
        for i in 0..<count { scope.output("Out\(i)", Output(value: .string("v\(i)"))) }
    }
}

func synth(_ stacks: [any StackDefinition]) throws(SynthesisFailed) -> SynthesisResult {
    try Synthesizer(settings: .testing, assets: StaticAssets([])).synthesize(stacks)
}

func diagnostics(_ stacks: [any StackDefinition]) -> [Diagnostic] {
    do {
        _ = try synth(stacks)
        return []
    } catch {
        return error.diagnostics.sorted
    }
}

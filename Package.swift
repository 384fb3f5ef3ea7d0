// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way:
// stackctl → StackctlCLI → {StackAWS, StackDeploy} → StackCore → StackTemplate; functions → Contracts.
let package = Package(
    name: "stackctl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "stackctl", targets: ["stackctl"]),
        .executable(name: "stackctl-bench", targets: ["stackctl-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(name: "StackTemplate", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "StackCore", dependencies: [
            "StackTemplate",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "StackAWS", dependencies: ["StackCore"]),
        .target(name: "AWSClient", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Contracts", path: "functions/Contracts"),
        .target(name: "Estate", dependencies: ["StackAWS", "Contracts"], path: "stacks"),
        // zlib, for deflating asset zips (the system's libz; headers from zlib1g-dev / the macOS SDK).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "StackDeploy", dependencies: [
            "StackCore", "CZlib", "AWSClient",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "StackctlCLI", dependencies: [
            "StackAWS", "StackDeploy", "AWSClient",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "stackctl", dependencies: ["StackctlCLI", "Estate"]),
        .executableTarget(name: "stackctl-bench", dependencies: ["StackctlCLI", "Estate"]),
        // Lambda functions: runtime and event types we own, pure logic per estate, one executable per function
        // (the folder name is the product name).
        .target(name: "LambdaEvents"),
        .target(name: "LambdaRuntime", dependencies: ["LambdaEvents"]),
        .target(name: "MarketLogic", dependencies: ["LambdaRuntime", "LambdaEvents", "Contracts"],
                path: "functions/Logic/Market"),
        .target(name: "TickLogic", dependencies: ["LambdaRuntime", "LambdaEvents", "Contracts"],
                path: "functions/Logic/Ticks"),
        // The logic's store protocols implemented with AWSClient (S3, DynamoDB, SNS).
        .target(name: "FunctionClients", dependencies: ["AWSClient", "MarketLogic", "TickLogic", "LambdaEvents", "LambdaRuntime"],
                path: "functions/Clients"),
        .executableTarget(name: "market-processing",
                          dependencies: ["LambdaRuntime", "MarketLogic", "Contracts", "FunctionClients"],
                          path: "functions/market-processing"),
        .executableTarget(name: "market-analysis",
                          dependencies: ["LambdaRuntime", "MarketLogic", "Contracts", "FunctionClients"],
                          path: "functions/market-analysis"),
        .executableTarget(name: "tick-processor",
                          dependencies: ["LambdaRuntime", "TickLogic", "Contracts", "FunctionClients"],
                          path: "functions/tick-processor"),
        // Shared by the test targets: the one cfn-lint runner.
        .target(name: "TestSupport", dependencies: ["StackTemplate", "AWSClient"], path: "Tests/TestSupport"),
        .testTarget(name: "LambdaEventsTests", dependencies: ["LambdaEvents"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LambdaRuntimeTests", dependencies: ["LambdaRuntime", "LambdaEvents"]),
        .testTarget(name: "FunctionLogicTests", dependencies: ["MarketLogic", "TickLogic", "LambdaRuntime", "LambdaEvents", "Contracts"]),
        // Handlers + FunctionClients against a local moto_server (started per test class).
        .testTarget(name: "FunctionsEndToEndTests",
                    dependencies: ["TestSupport", "MarketLogic", "TickLogic", "FunctionClients", "AWSClient", "LambdaEvents", "LambdaRuntime"]),
        .testTarget(name: "StackTemplateTests", dependencies: ["StackTemplate", "TestSupport"]),
        .testTarget(name: "StackCoreTests", dependencies: ["StackCore"]),
        .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "StackAWSTests", dependencies: ["StackAWS", "Estate", "TestSupport"]),
        .testTarget(name: "StackDeployTests", dependencies: ["StackDeploy", "StackCore", "StackTemplate", "AWSClient", "TestSupport"]),
        .testTarget(name: "StackctlCLITests", dependencies: ["StackctlCLI", "Estate", "Contracts", "stackctl",
                                                            "StackDeploy", "AWSClient", "TestSupport"],
                    exclude: ["Snapshots", "Fixtures"]),
    ]
)

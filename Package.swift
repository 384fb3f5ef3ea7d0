// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way:
// stackctl → {StackctlCLI, Estate}; Estate → StackAWS → StackCore → {StackTemplate, ResourceCatalogue};
// StackctlCLI → {StackDeploy, StackDiff, StackInvoke, StackEnvironment, StackAssets, CommandLineArguments};
// StackDeploy → {StackCore, StackDiff, AWSClient}; StackDiff → {StackTemplate, ResourceCatalogue}; StackEnvironment → StackTemplate (no StackCore: the CLI turns an
// environment into StackSettings); StackAssets → StackCore (StackCore keeps only Asset and AssetResolver).
// functions → {LambdaRuntime, LambdaEvents, Contracts, FunctionClients → AWSClient}; LambdaEvents and AWSClient
// share DynamoDBAttributes, the one attribute value model.
let package = Package(
    name: "stackctl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "stackctl", targets: ["stackctl"]),
        .executable(name: "stackctl-bench", targets: ["stackctl-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // What stackctl knows about each CloudFormation resource type (data only, no dependencies).
        .target(name: "ResourceCatalogue"),
        .target(name: "StackTemplate", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "StackCore", dependencies: ["StackTemplate", "ResourceCatalogue"]),
        // Environment files: the strict YAML decoder, EnvironmentConfig and its validation.
        .target(name: "StackEnvironment", dependencies: ["StackTemplate", .product(name: "Yams", package: "Yams")]),
        // Function assets hashed from the sources the package graph says each product links.
        .target(name: "StackAssets", dependencies: ["StackCore", .product(name: "Crypto", package: "swift-crypto")]),
        // LambdaEvents for the event types only: a trigger is typed by the event it delivers.
        .target(name: "StackAWS", dependencies: ["StackCore", "LambdaEvents"]),
        // libcurl loaded with dlopen on first use (see curl_loader.c for why it is not linked).
        .target(name: "CCurlLoader"),
        // The one DynamoDB attribute value model: stream records (LambdaEvents) and the DynamoDB calls share it.
        .target(name: "DynamoDBAttributes"),
        // String(format:)-style padding, hex and percent-decoding without full Foundation (which links ICU).
        .target(name: "TextBasics"),
        // No swift-crypto here (it imports full Foundation, which links ICU into every function): SigV4's SHA-256
        // and HMAC are our own.
        .target(name: "AWSClient", dependencies: ["CCurlLoader", "DynamoDBAttributes", "TextBasics"]),
        // Env contracts and function products (name + event type), shared by stacks and functions.
        .target(name: "Contracts", dependencies: ["LambdaEvents"], path: "functions/Contracts"),
        .target(name: "Estate", dependencies: ["StackAWS", "Contracts"], path: "stacks"),
        // zlib, for deflating asset zips (the system's libz; headers from zlib1g-dev / the macOS SDK).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "StackDeploy", dependencies: [
            "StackCore", "StackDiff", "StackAssets", "ResourceCatalogue", "CZlib", "AWSClient",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Template diff: normalisation, impacts, risks, renderers (pure; no AWS, no git).
        .target(name: "StackDiff", dependencies: ["StackTemplate", "ResourceCatalogue"]),
        // stackctl invoke: template values resolved for an environment, the Runtime API emulator, the local runner.
        .target(name: "StackInvoke", dependencies: ["StackCore", "StackTemplate", "ResourceCatalogue"]),
        // The command line: declarative specs, parsing and help, without reflection (a static binary of this
        // size pays for every Mirror and conformance lookup at startup). No dependencies, no Foundation.
        .target(name: "CommandLineArguments"),
        .target(name: "StackctlCLI", dependencies: [
            "StackCore", "StackTemplate", "StackEnvironment", "StackAssets", "StackDeploy", "AWSClient", "StackInvoke",
            "StackDiff", "CommandLineArguments",
        ]),
        .executableTarget(name: "stackctl", dependencies: ["StackctlCLI", "Estate"]),
        .executableTarget(name: "stackctl-bench", dependencies: ["StackctlCLI", "Estate", "StackAWS", "StackAssets", "StackDiff"]),
        // Lambda functions: runtime and event types we own, pure logic per estate, one executable per function
        // (the folder name is the product name).
        .target(name: "LambdaEvents", dependencies: ["DynamoDBAttributes", "TextBasics"]),
        // Binds hypot/hypotf to their pre-2.35 glibc versions, so a function linked on any glibc starts on provided.al2023.
        .target(name: "CGlibcCompat"),
        .target(name: "LambdaRuntime", dependencies: ["LambdaEvents", "CGlibcCompat", "TextBasics"]),
        .target(name: "MarketLogic", dependencies: ["LambdaRuntime", "LambdaEvents", "DynamoDBAttributes", "Contracts", "TextBasics"],
                path: "functions/Logic/Market"),
        .target(name: "TickLogic", dependencies: ["LambdaRuntime", "LambdaEvents", "Contracts"],
                path: "functions/Logic/Ticks"),
        // The logic's store protocols implemented with AWSClient (S3, DynamoDB, SNS).
        .target(name: "FunctionClients", dependencies: ["AWSClient", "MarketLogic", "TickLogic", "LambdaEvents", "DynamoDBAttributes", "LambdaRuntime"],
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
        // Producers: plain executables that feed the pipelines (not Lambda functions, so outside functions/ and
        // not assets); their pure parts in ProducerLogic.
        .target(name: "ProducerLogic", path: "producers/Logic"),
        .target(name: "ProducerSupport", dependencies: ["AWSClient", "ProducerLogic", "CommandLineArguments"],
                path: "producers/Support"),
        .executableTarget(name: "market-producer",
                          dependencies: ["ProducerLogic", "ProducerSupport", "AWSClient", "CommandLineArguments"],
                          path: "producers/market-producer"),
        .executableTarget(name: "tick-producer",
                          dependencies: ["ProducerLogic", "ProducerSupport", "AWSClient", "CommandLineArguments"],
                          path: "producers/tick-producer"),
        // Shared by the test targets: the cfn-lint runner, moto_server, the emulator helpers, CLI output capture.
        .target(name: "TestSupport", dependencies: ["StackTemplate", "AWSClient", "DynamoDBAttributes", "ProducerLogic"], path: "Tests/TestSupport"),
        .testTarget(name: "ResourceCatalogueTests", dependencies: ["ResourceCatalogue", "TestSupport"]),
        .testTarget(name: "CommandLineArgumentsTests", dependencies: ["CommandLineArguments"]),
        .testTarget(name: "DynamoDBAttributesTests", dependencies: ["DynamoDBAttributes"]),
        .testTarget(name: "LambdaEventsTests", dependencies: ["LambdaEvents"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LambdaRuntimeTests", dependencies: ["LambdaRuntime", "LambdaEvents", "TestSupport"]),
        .testTarget(name: "FunctionLogicTests", dependencies: ["MarketLogic", "TickLogic", "LambdaRuntime", "LambdaEvents", "DynamoDBAttributes", "Contracts"]),
        // Handlers + FunctionClients against a local moto_server (started per test class).
        .testTarget(name: "FunctionsEndToEndTests",
                    dependencies: ["TestSupport", "MarketLogic", "TickLogic", "FunctionClients", "AWSClient", "LambdaEvents", "LambdaRuntime"]),
        .testTarget(name: "StackTemplateTests", dependencies: ["StackTemplate", "TestSupport"]),
        .testTarget(name: "StackCoreTests", dependencies: ["StackCore", "StackAssets"]),
        .testTarget(name: "StackEnvironmentTests", dependencies: ["StackEnvironment", "TestSupport"]),
        // Asset hashes against copies of the repository's sources, and the generated table against Package.swift.
        .testTarget(name: "StackAssetsTests", dependencies: ["StackAssets", "StackCore", "TestSupport"]),
        // SigV4's SHA-256 is checked against swift-crypto's (the tests may link it; AWSClient does not).
        .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "DynamoDBAttributes", "TestSupport",
                                                           .product(name: "Crypto", package: "swift-crypto")], exclude: ["Fixtures"]),
        .testTarget(name: "TextBasicsTests", dependencies: ["TextBasics"]),
        // The construct tests, and the conformance test every construct passes (catalogue, retention, invoke, diff, cfn-lint).
        .testTarget(name: "StackAWSTests", dependencies: [
            "StackAWS", "StackAssets", "Estate", "TestSupport", "ResourceCatalogue", "StackInvoke", "StackDiff",
        ]),
        .testTarget(name: "StackDeployTests", dependencies: ["StackDeploy", "StackCore", "StackTemplate", "AWSClient", "TestSupport"]),
        .testTarget(name: "StackDiffTests", dependencies: ["StackDiff", "StackTemplate", "TestSupport"], exclude: ["Golden"]),
        // stackctl invoke: the emulator and resolver, and the real function binaries against moto_server.
        .testTarget(name: "StackInvokeTests",
                    dependencies: ["StackInvoke", "StackDeploy", "StackctlCLI", "Estate", "TestSupport", "AWSClient", "StackCore", "StackAssets", "StackTemplate", "LambdaRuntime", "LambdaEvents"]),
        // The producers' logic (checked against what the functions parse) and the executables against moto_server.
        .testTarget(name: "ProducerTests", dependencies: ["ProducerLogic", "MarketLogic", "TickLogic", "TestSupport", "AWSClient"]),
        .testTarget(name: "StackctlCLITests", dependencies: ["StackctlCLI", "Estate", "Contracts", "stackctl", "StackCore",
                                                            "StackEnvironment", "StackDeploy", "StackAssets", "AWSClient", "TestSupport"],
                    exclude: ["Snapshots", "Fixtures"]),
    ]
)

import Foundation
import XCTest
@testable import AWSClient

final class CredentialChainTests: XCTestCase {
    var home: String!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("awsclient-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/.aws", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(atPath: home)
    }

    func write(_ text: String, to relative: String) throws {
        try text.write(toFile: home + "/" + relative, atomically: true, encoding: .utf8)
    }

    func testEnvironmentComesFirst() throws {
        try write("[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = FILESECRET\n", to: ".aws/credentials")
        let chain = CredentialChain(environment: ["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "ENVSECRET",
                                                  "AWS_SESSION_TOKEN": "ENVTOKEN"], homeDirectory: home)
        XCTAssertEqual(try chain.resolve(),
                       Credentials(accessKeyId: "ENVKEY", secretAccessKey: "ENVSECRET", sessionToken: "ENVTOKEN"))
    }

    func testDefaultProfileFromCredentialsFile() throws {
        try write("""
            # comment
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = secret/with+chars=
            aws_session_token = tok
            [dev]
            aws_access_key_id = AKIDDEV
            aws_secret_access_key = devsecret
            """, to: ".aws/credentials")
        let chain = CredentialChain(environment: [:], homeDirectory: home)
        XCTAssertEqual(try chain.resolve(),
                       Credentials(accessKeyId: "AKIDDEFAULT", secretAccessKey: "secret/with+chars=", sessionToken: "tok"))
        let dev = CredentialChain(environment: ["AWS_PROFILE": "dev"], homeDirectory: home)
        XCTAssertEqual(try dev.resolve(), Credentials(accessKeyId: "AKIDDEV", secretAccessKey: "devsecret"))
    }

    func testNamedProfileFromConfigFileAndRegion() throws {
        try write("""
            [default]
            region = eu-west-1
            [profile ops]
            region = eu-central-1
            aws_access_key_id = AKIDOPS
            aws_secret_access_key = opssecret
            s3 =
              addressing_style = path
            """, to: ".aws/config")
        let ops = CredentialChain(environment: ["AWS_PROFILE": "ops"], homeDirectory: home)
        XCTAssertEqual(try ops.resolve(), Credentials(accessKeyId: "AKIDOPS", secretAccessKey: "opssecret"))
        XCTAssertEqual(ops.region(), "eu-central-1")
        XCTAssertEqual(CredentialChain(environment: [:], homeDirectory: home).region(), "eu-west-1")
        XCTAssertEqual(CredentialChain(environment: ["AWS_DEFAULT_REGION": "us-west-2"], homeDirectory: home).region(),
                       "us-west-2")
        XCTAssertEqual(CredentialChain(environment: ["AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "us-west-2"],
                                       homeDirectory: home).region(), "ap-south-1")
        XCTAssertNil(CredentialChain(environment: [:], homeDirectory: nil).region())
    }

    func testFileOverridesReplaceHomeDirectory() throws {
        try write("[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = cisecret\n", to: "creds-elsewhere")
        try write("[profile ci]\nregion = sa-east-1\n", to: "config-elsewhere")
        let chain = CredentialChain(environment: ["AWS_PROFILE": "ci",
                                                  "AWS_SHARED_CREDENTIALS_FILE": home + "/creds-elsewhere",
                                                  "AWS_CONFIG_FILE": home + "/config-elsewhere"], homeDirectory: nil)
        XCTAssertEqual(try chain.resolve(), Credentials(accessKeyId: "AKIDCI", secretAccessKey: "cisecret"))
        XCTAssertEqual(chain.region(), "sa-east-1")
    }

    func testErrorNamesEverythingTried() throws {
        try write("[other]\nregion = x\n", to: ".aws/config")
        let chain = CredentialChain(environment: ["AWS_ACCESS_KEY_ID": "AKIDONLY"], homeDirectory: home)
        XCTAssertThrowsError(try chain.resolve()) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("AWS_SECRET_ACCESS_KEY is not"), text)
            XCTAssertTrue(text.contains("shared credentials file \(self.home!)/.aws/credentials: not readable"), text)
            XCTAssertTrue(text.contains("shared config file \(self.home!)/.aws/config: no [default] section"), text)
        }
    }

    func testHomeComesFromHOMEAsTheSDKsReadIt() throws {
        XCTAssertEqual(CredentialChain.homeDirectory(environment: ["HOME": home]), home)
        XCTAssertEqual(CredentialChain.homeDirectory(environment: ["HOME": ""]), FileManager.default.homeDirectoryForCurrentUser.path)
        try write("[default]\naws_access_key_id = AKIDHOME\naws_secret_access_key = homesecret\n", to: ".aws/credentials")
        let chain = CredentialChain(environment: [:], homeDirectory: CredentialChain.homeDirectory(environment: ["HOME": home]))
        XCTAssertEqual(try chain.resolve().accessKeyId, "AKIDHOME")
    }

    func testTheLookupDescriptionNamesThePathsAndProfileReallyRead() {
        let chain = CredentialChain(environment: ["AWS_PROFILE": "ci", "AWS_CONFIG_FILE": "/etc/aws-config"], homeDirectory: home)
        XCTAssertEqual(chain.lookupDescription,
                       "AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN) in the environment, then profile 'ci' "
                       + "(AWS_PROFILE) in \(home!)/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE) and in /etc/aws-config (AWS_CONFIG_FILE)")
        XCTAssertTrue(CredentialChain(environment: [:], homeDirectory: nil).lookupDescription
                        .contains("~/.aws/credentials (no home directory)"))
    }

    func testEndpointResolution() {
        let resolver = EndpointResolver(environment: ["AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:8000",
                                                      "AWS_ENDPOINT_URL": "http://127.0.0.1:5000"])
        XCTAssertEqual(resolver.endpoint(serviceId: "DynamoDB", hostPrefix: "dynamodb", region: "eu-west-1"),
                       ServiceEndpoint(url: URL(string: "http://127.0.0.1:8000")!, isCustom: true))
        XCTAssertEqual(resolver.endpoint(serviceId: "S3", hostPrefix: "s3", region: "eu-west-1").url.absoluteString,
                       "http://127.0.0.1:5000")
        XCTAssertEqual(EndpointResolver(environment: [:]).endpoint(serviceId: "SNS", hostPrefix: "sns", region: "eu-west-1"),
                       ServiceEndpoint(url: URL(string: "https://sns.eu-west-1.amazonaws.com")!, isCustom: false))
        XCTAssertEqual(EndpointResolver.variableName(serviceId: "CloudFormation"), "AWS_ENDPOINT_URL_CLOUDFORMATION")
        XCTAssertEqual(EndpointResolver.variableName(serviceId: "Elastic Load Balancing v2"),
                       "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2")
    }

    func testS3Addressing() {
        let aws = S3Addressing(endpoint: ServiceEndpoint(url: URL(string: "https://s3.eu-west-1.amazonaws.com")!,
                                                         isCustom: false), region: "eu-west-1")
        XCTAssertEqual(aws.url(bucket: "raw", key: "raw-data/ÄAPL/ü b.json").absoluteString,
                       "https://raw.s3.eu-west-1.amazonaws.com/raw-data/%C3%84APL/%C3%BC%20b.json")
        XCTAssertEqual(aws.url(bucket: "my.dotted", key: "k").absoluteString,
                       "https://s3.eu-west-1.amazonaws.com/my.dotted/k")
        let local = S3Addressing(endpoint: ServiceEndpoint(url: URL(string: "http://127.0.0.1:5000/")!, isCustom: true),
                                 region: "us-east-1")
        XCTAssertEqual(local.url(bucket: "raw", key: "a/b").absoluteString, "http://127.0.0.1:5000/raw/a/b")
    }
}

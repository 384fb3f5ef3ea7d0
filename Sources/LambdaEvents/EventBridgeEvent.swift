#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An EventBridge event with a typed `detail`.
public struct EventBridgeEvent<Detail: Decodable>: Decodable {
    public let version: String
    public let id: String
    public let detailType: String
    public let source: String
    public let account: String
    public let time: Date
    public let region: String
    public let resources: [String]
    public let detail: Detail

    enum CodingKeys: String, CodingKey {
        case version, id, detailType = "detail-type", source, account, time, region, resources, detail
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(String.self, forKey: .version)
        id = try c.decode(String.self, forKey: .id)
        detailType = try c.decode(String.self, forKey: .detailType)
        source = try c.decode(String.self, forKey: .source)
        account = try c.decode(String.self, forKey: .account)
        time = try EventTime.decodeISO8601(c, .time)
        region = try c.decode(String.self, forKey: .region)
        resources = try c.decode([String].self, forKey: .resources)
        detail = try c.decode(Detail.self, forKey: .detail)
    }
}

extension EventBridgeEvent: Sendable where Detail: Sendable {}

/// The `detail` of a scheduled rule's event: always `{}`.
public struct ScheduledEventDetail: Decodable, Sendable, Equatable {
    public init() {}
}

/// What a schedule rule (`rate(...)`/`cron(...)`) sends: `detail-type` "Scheduled Event",
/// `source` "aws.events", the rule's ARN in `resources`.
public typealias ScheduledEvent = EventBridgeEvent<ScheduledEventDetail>

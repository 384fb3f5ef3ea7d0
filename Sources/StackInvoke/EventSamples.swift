import Foundation

/// Event skeletons for `stackctl invoke --sample KIND`, shaped like AWS's own sample payloads (the ones in
/// Tests/LambdaEventsTests/Fixtures) and filled with a stock tick, so that they run as they are against
/// this estate's functions and are easy to edit.
public enum EventSample: String, CaseIterable, Sendable {
    case kinesis, dynamodb, sqs, s3, schedule

    /// A tick as the producers send it.
    static let tick = #"{"symbol":"AAPL","price":189.5,"previous_close":187.2,"volume":51234,"timestamp":"2025-01-02T14:30:05Z"}"#

    public var json: String {
        switch self {
        case .kinesis:
            // Kinesis carries the record's bytes base64-encoded.
            let data = Data(Self.tick.utf8).base64EncodedString()
            return """
                {
                  "Records": [
                    {
                      "kinesis": {
                        "kinesisSchemaVersion": "1.0",
                        "partitionKey": "AAPL",
                        "sequenceNumber": "49590338271490256608559692538361571095921575989136588898",
                        "data": "\(data)",
                        "approximateArrivalTimestamp": 1735828205.123
                      },
                      "eventSource": "aws:kinesis",
                      "eventVersion": "1.0",
                      "eventID": "shardId-000000000000:49590338271490256608559692538361571095921575989136588898",
                      "eventName": "aws:kinesis:record",
                      "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
                      "awsRegion": "us-east-1",
                      "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/stock-market-stream"
                    }
                  ]
                }
                """
        case .dynamodb:
            return """
                {
                  "Records": [
                    {
                      "eventID": "c4ca4238a0b923820dcc509a6f75849b",
                      "eventName": "INSERT",
                      "eventVersion": "1.1",
                      "eventSource": "aws:dynamodb",
                      "awsRegion": "us-east-1",
                      "dynamodb": {
                        "ApproximateCreationDateTime": 1735828205,
                        "Keys": {
                          "symbol": { "S": "AAPL" },
                          "timestamp": { "S": "2025-01-02T14:30:05Z" }
                        },
                        "NewImage": {
                          "symbol": { "S": "AAPL" },
                          "timestamp": { "S": "2025-01-02T14:30:05Z" },
                          "price": { "N": "189.5" },
                          "previous_close": { "N": "187.2" },
                          "volume": { "N": "51234" }
                        },
                        "SequenceNumber": "4421584500000000017450439091",
                        "SizeBytes": 120,
                        "StreamViewType": "NEW_IMAGE"
                      },
                      "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/stock-market-data/stream/2025-01-02T00:00:00.000"
                    }
                  ]
                }
                """
        case .sqs:
            let body = Self.tick.replacingOccurrences(of: "\"", with: "\\\"")
            return """
                {
                  "Records": [
                    {
                      "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
                      "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
                      "body": "\(body)",
                      "attributes": {
                        "ApproximateReceiveCount": "1",
                        "SentTimestamp": "1735828205000",
                        "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                        "ApproximateFirstReceiveTimestamp": "1735828205010"
                      },
                      "messageAttributes": {},
                      "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
                      "eventSource": "aws:sqs",
                      "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:StockQueue",
                      "awsRegion": "us-east-1"
                    }
                  ]
                }
                """
        case .s3:
            return """
                {
                  "Records": [
                    {
                      "eventVersion": "2.1",
                      "eventSource": "aws:s3",
                      "awsRegion": "us-east-1",
                      "eventTime": "2025-01-02T14:30:05.000Z",
                      "eventName": "ObjectCreated:Put",
                      "userIdentity": { "principalId": "AWS:AIDAINPONIXQXHT3IKHL2" },
                      "requestParameters": { "sourceIPAddress": "127.0.0.1" },
                      "responseElements": {
                        "x-amz-request-id": "D82B88E5F771F645",
                        "x-amz-id-2": "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo="
                      },
                      "s3": {
                        "s3SchemaVersion": "1.0",
                        "configurationId": "stackctl-sample",
                        "bucket": {
                          "name": "example-bucket",
                          "ownerIdentity": { "principalId": "A3I5XTEXAMAI3E" },
                          "arn": "arn:aws:s3:::example-bucket"
                        },
                        "object": {
                          "key": "processed/AAPL/1735828205.json",
                          "size": 120,
                          "eTag": "0123456789abcdef0123456789abcdef",
                          "sequencer": "0A1B2C3D4E5F678901"
                        }
                      }
                    }
                  ]
                }
                """
        case .schedule:
            return """
                {
                  "version": "0",
                  "id": "cdc73f9d-aea9-11e3-9d5a-835b769c0d9c",
                  "detail-type": "Scheduled Event",
                  "source": "aws.events",
                  "account": "123456789012",
                  "time": "2025-01-02T14:30:00Z",
                  "region": "us-east-1",
                  "resources": [
                    "arn:aws:events:us-east-1:123456789012:rule/my-schedule"
                  ],
                  "detail": {}
                }
                """
        }
    }
}

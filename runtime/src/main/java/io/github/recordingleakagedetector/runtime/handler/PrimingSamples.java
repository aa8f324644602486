package io.github.recordingleakagedetector.runtime.handler;

/** Well-formed sample documents for priming: one contact, as each wire format carries it. */
final class PrimingSamples {
    static final String CONTACT_ID = "00000000-0000-0000-0000-00000000prim";
    static final String INSTANCE_ID = "00000000-0000-0000-0000-000000000000";
    static final String BUCKET = "priming-recordings";
    static final String KEY_PREFIX = "connect/priming/CallRecordings";

    /** A contact item as the table holds it, completed with an agent. */
    static final String CONTACT_ITEM = "{"
            + "\"ContactId\":{\"S\":\"" + CONTACT_ID + "\"},"
            + "\"InstanceId\":{\"S\":\"" + INSTANCE_ID + "\"},"
            + "\"State\":{\"S\":\"COMPLETED - AGENT\"},"
            + "\"Version\":{\"N\":\"3\"},"
            + "\"ContactFlowName\":{\"S\":\"Inbound\"},"
            + "\"CreatedAt\":{\"S\":\"2024-01-01T00:00:00Z\"},"
            + "\"UpdatedAt\":{\"N\":\"1704067500000\"},"
            + "\"ExpiresAt\":{\"N\":\"1711843200\"},"
            + "\"RecordingBehaviour\":{\"L\":[{\"M\":{\"At\":{\"S\":\"2024-01-01T00:00:00Z\"},"
            + "\"Participants\":{\"SS\":[\"AGENT\",\"CUSTOMER\"]}}}]},"
            + "\"RecordingBehaviourSetAt\":{\"S\":\"2024-01-01T00:00:00Z\"},"
            + "\"RecordedParticipants\":{\"SS\":[\"AGENT\",\"CUSTOMER\"]},"
            + "\"LastDescribedAt\":{\"S\":\"2024-01-01T00:05:00Z\"},"
            + "\"InitiationTimestamp\":{\"S\":\"2024-01-01T00:00:00Z\"},"
            + "\"ConnectedToAgentTimestamp\":{\"S\":\"2024-01-01T00:00:30Z\"},"
            + "\"DisconnectTimestamp\":{\"S\":\"2024-01-01T00:04:00Z\"},"
            + "\"AgentId\":{\"S\":\"agent\"},\"QueueId\":{\"S\":\"queue\"},\"Channel\":{\"S\":\"VOICE\"},"
            + "\"InitiationMethod\":{\"S\":\"INBOUND\"},"
            + "\"RecordingLocations\":{\"L\":[{\"S\":\"" + BUCKET + "/" + KEY_PREFIX + "/2024/01/01/" + CONTACT_ID
            + "_20240101T00:04_UTC.wav\"}]}}";

    /** DescribeContact's answer for that contact (timestamps in epoch seconds, as the API sends them). */
    static final String DESCRIBE_CONTACT_RESPONSE = "{\"Contact\":{"
            + "\"Id\":\"" + CONTACT_ID + "\",\"Channel\":\"VOICE\",\"InitiationMethod\":\"INBOUND\","
            + "\"InitiationTimestamp\":1704067200,\"DisconnectTimestamp\":1704067440.5,"
            + "\"AgentInfo\":{\"Id\":\"agent\",\"ConnectedToAgentTimestamp\":1704067230},"
            + "\"QueueInfo\":{\"Id\":\"queue\",\"EnqueueTimestamp\":1704067210},"
            + "\"Recordings\":[{\"Location\":\"" + BUCKET + "/" + KEY_PREFIX + "/2024/01/01/" + CONTACT_ID
            + "_20240101T00:04_UTC.wav\",\"Status\":\"AVAILABLE\",\"MediaStreamType\":\"AUDIO\","
            + "\"ParticipantType\":\"AGENT\",\"StorageType\":\"S3\"}]}}";

    /** One page of a prefix listing with one recording. */
    static final String LIST_OBJECTS_RESPONSE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + BUCKET + "</Name>"
            + "<Prefix>" + KEY_PREFIX + "/2024/01/01/" + CONTACT_ID + "</Prefix><KeyCount>1</KeyCount>"
            + "<MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>" + KEY_PREFIX + "/2024/01/01/"
            + CONTACT_ID + "_20240101T00:04_UTC.wav</Key><LastModified>2024-01-01T00:04:30.000Z</LastModified>"
            + "<ETag>&quot;d41d8cd98f00b204e9800998ecf8427e&quot;</ETag><Size>7680044</Size>"
            + "<StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>";

    /** A flow-log event of the legacy recording block, as the subscription delivers it. */
    static final String FLOW_LOG_MESSAGE = "{\"ContactId\":\"" + CONTACT_ID + "\",\"ContactFlowId\":"
            + "\"arn:aws:connect:us-east-1:111122223333:instance/" + INSTANCE_ID + "/contact-flow/priming\","
            + "\"ContactFlowName\":\"Inbound\",\"ContactFlowModuleType\":\"SetRecordingBehavior\","
            + "\"Identifier\":\"priming\",\"Timestamp\":\"2024-01-01T00:00:00.000Z\","
            + "\"Parameters\":{\"RecordingBehaviorOption\":\"Enable\",\"RecordingParticipantOption\":\"Both\"}}";

    private PrimingSamples() {
    }
}

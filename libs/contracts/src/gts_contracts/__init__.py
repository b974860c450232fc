"""GTS message contracts: msgspec Structs, subjects, streams, schemas.

The single source of truth for every message on the bus. Subjects read
`<producer>.<aggregate>.<event>.v<N>`; a breaking change is a new V2 type and subject.
"""

from gts_contracts.auth import (
    GetTone3000TokenV1,
    Tone3000Token,
    Tone3000TokenError,
    Tone3000TokenErrorCode,
    Tone3000TokenReplyV1,
    UserRegisteredV1,
    UserUpdatedV1,
)
from gts_contracts.buckets import DI_BUCKET, GEAR_BUCKET, OUTPUTS_BUCKET
from gts_contracts.catalog import GearAddedV1, GearRemovedV1, GearUpdatedV1
from gts_contracts.codec import MessageDecodeError, decode, encode
from gts_contracts.envelope import (
    CORRELATION_ID_HEADER,
    MSG_ID_HEADER,
    TRACEPARENT_HEADER,
    Event,
    utc_now,
)
from gts_contracts.fields import GearFormat, GearKind
from gts_contracts.ids import new_event_id, uuid7, uuid7_unix_ms
from gts_contracts.registry import (
    MESSAGES,
    STREAMS,
    MessageKind,
    MessageSpec,
    StreamSpec,
    reply_spec_for_subject,
    spec_for,
    spec_for_subject,
    stream_for,
    subject_matches,
)
from gts_contracts.render import (
    OutputKind,
    OutputMetrics,
    RenderJobCancelledV1,
    RenderJobCompletedV1,
    RenderJobFailedV1,
    RenderJobProgressV1,
    RenderJobStartedV1,
    RenderOutput,
    RenderStage,
)
from gts_contracts.shootouts import (
    ChainBlock,
    ChainSpec,
    DITrackRef,
    EffectBlock,
    EffectName,
    GearBlock,
    JobCancelRequestedV1,
    JobChange,
    JobStatus,
    JobUpdatedV1,
    RenderOptions,
    RenderRequestedV1,
)

__all__ = [
    "CORRELATION_ID_HEADER",
    "DI_BUCKET",
    "GEAR_BUCKET",
    "MESSAGES",
    "MSG_ID_HEADER",
    "OUTPUTS_BUCKET",
    "STREAMS",
    "TRACEPARENT_HEADER",
    "ChainBlock",
    "ChainSpec",
    "DITrackRef",
    "EffectBlock",
    "EffectName",
    "Event",
    "GearAddedV1",
    "GearBlock",
    "GearFormat",
    "GearKind",
    "GearRemovedV1",
    "GearUpdatedV1",
    "GetTone3000TokenV1",
    "JobCancelRequestedV1",
    "JobChange",
    "JobStatus",
    "JobUpdatedV1",
    "MessageDecodeError",
    "MessageKind",
    "MessageSpec",
    "OutputKind",
    "OutputMetrics",
    "RenderJobCancelledV1",
    "RenderJobCompletedV1",
    "RenderJobFailedV1",
    "RenderJobProgressV1",
    "RenderJobStartedV1",
    "RenderOptions",
    "RenderOutput",
    "RenderRequestedV1",
    "RenderStage",
    "StreamSpec",
    "Tone3000Token",
    "Tone3000TokenError",
    "Tone3000TokenErrorCode",
    "Tone3000TokenReplyV1",
    "UserRegisteredV1",
    "UserUpdatedV1",
    "decode",
    "encode",
    "new_event_id",
    "reply_spec_for_subject",
    "spec_for",
    "spec_for_subject",
    "stream_for",
    "subject_matches",
    "utc_now",
    "uuid7",
    "uuid7_unix_ms",
]

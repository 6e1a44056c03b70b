namespace LeakBench.Census;

/// <summary>TCP states as <c>/proc/net/tcp</c> numbers them (include/net/tcp_states.h).</summary>
public enum TcpState
{
    Established = 0x01,
    SynSent = 0x02,
    SynRecv = 0x03,
    FinWait1 = 0x04,
    FinWait2 = 0x05,
    TimeWait = 0x06,
    Close = 0x07,
    CloseWait = 0x08,
    LastAck = 0x09,
    Listen = 0x0A,
    Closing = 0x0B,
    NewSynRecv = 0x0C,
}

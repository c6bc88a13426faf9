namespace Fingerprint.Video.Tmk;

/// <summary>
/// For one period T (in frames at the fingerprint's frame rate): the offset, modulo T, that best aligns the second
/// video with the first, and the unnormalised kernel value there (tmkfv.cpp findPairOffsetsModuloPeriods).
/// </summary>
public readonly record struct TmkPeriodOffset(int Period, int Offset, float Value);

/**
 * hopcode — bipartite expander Hopfield networks as self-decoding error-correcting codes
 * (Chaudhuri & Fiete, NeurIPS 2019). The public API: everything a program imports
 * comes from here; files under src/ are private modules.
 */
export { VERSION } from './version.js';
export { Rng, masterSeed, hashTuple, mix32 } from './util/rng.js';

// Graphs: the expander and its certificates.
export type { BipartiteGraph } from './graphs/bipartite-graph.js';
export { fromCsr, fromConstraintLists, degrees, edgeCount, isSimple } from './graphs/bipartite-graph.js';
export { buildBiregular, validateBiregular, type BiregularOptions } from './graphs/biregular.js';
export { secondSingularValue, girth, hasFourCycle, smallSetExpansion } from './graphs/certificates.js';
export type { SpectralCertificate, GirthCertificate, ExpansionCertificate } from './graphs/certificates.js';
export { toGraphology, fromGraphology, toGraphologyJson } from './graphs/graphology-interop.js';

// Codes: local codes, the Tanner code, rank, encoder, alist.
export { LocalCode, type LocalCodeSpec, type Nearest } from './codes/local-code.js';
export { hamming, extendedHamming, singleParity, repetition, localCodeByName } from './codes/families.js';
export { parityCheckMatrix, transpose, unsatisfiedChecks, type SparseGf2 } from './codes/tanner-code.js';
export { SystematicEncoder } from './codes/systematic-encoder.js';
export { Gf2Matrix } from './codes/gf2-matrix.js';
export { parseAlist, writeAlist, readAlistFile, writeAlistFile } from './codes/alist.js';
export { GF2m, primitivePolynomial } from './codes/gf2m.js';
export { bchParams, bchByLengthDimension, bchCodesOfLength, bchColumns, bchLocalCode, bchSyndromeOfBits, type BchParams } from './codes/bch.js';
export { boundedDistanceTable, entryFires, entryPositions, entryWeight } from './codes/bounded-distance.js';

// The network.
export { HopfieldNetwork, NO_UNIT, type NetworkSpec, type HiddenUnit } from './network/hopfield-network.js';
export { Code, buildPreset, buildCustom, codeFromParityCheck, type PresetCodeOptions, type CustomCodeOptions } from './network/code.js';
export { PRESETS, FLAGSHIP, presetByName, designRate, roundN, type PresetDef } from './network/presets.js';
export { BCH_PRESETS, type PresetDynamics } from './network/presets.js';
export { census, CENSUS_MAX_N, type Census } from './network/census.js';
export { describe, type NetworkInfo } from './network/describe.js';

// Reference dynamics.
export { runDynamics, inputField, annealTemperature, DEFAULT_ANNEAL } from './decoders/reference-dynamics.js';
export type { DynamicsOptions, DecodeResult, Schedule, InputRule, AnnealSchedule } from './decoders/reference-dynamics.js';

// Storage codec.
export * from './codec/index.js';

// Fast kernels and the worker pool.
export { CompiledNetwork, type SharedNetworkHandle, type CompiledMeta } from './decoders/compiled-network.js';
export { decodeBatch, syncSweep, planSweep, type BitslicedOptions, type BatchResult } from './decoders/sync-bitsliced.js';
export { decodeBatchStochastic, type StochasticOptions } from './decoders/stochastic-bitsliced.js';
export { runClusterSerial, type ClusterSerialOptions, type ClusterSerialResult, type ClusterOrder } from './decoders/cluster-serial-reference.js';
export { serialDecodeFrame, decodeBatchSerial, type SerialFrameOptions, type SerialBatchOptions } from './decoders/cluster-serial-fast.js';
export { decodeBatchPpbf, type PpbfOptions, type PpbfSchedule } from './decoders/ppbf-bitsliced.js';
export { runPpbfReference, type PpbfReferenceOptions, type PpbfReferenceResult } from './decoders/ppbf-reference.js';
export { parseFlipTable, resolveFlipTable, networkLevels, formatFlipTable, type FlipTableSpec, type ResolvedFlipTable } from './decoders/flip-table.js';
export { cueWeightProblem, CUE_WEIGHT_GRID } from './decoders/bitsliced-field.js';
export { SoftFieldDecoder } from './decoders/soft-field-dynamics.js';
export { runSoftFieldReference, energyChange, type SoftReferenceOptions } from './decoders/soft-field-reference.js';
export { DEFAULT_SOFT, resolveSoftParams, kernelParams, clusterTermVotes, llrFieldTicks, cueFieldTicks, type SoftFieldParams, type SoftSchedule, type SoftUnits } from './decoders/soft-field-params.js';
export { bernoulliWords } from './channels/bsc-words.js';
export { DecodePool, runLocal, runJobLocal, createStopFlag, requestStop, type RunOptions, type RunResult, type JobRunOptions } from './pool/decode-pool.js';
export type { ChunkCounts } from './pool/chunk-runner.js';
export { registerJobKind, type JobKind, type KindedJob } from './pool/any-job.js';

// Channels and baselines (baselines are not the network: they give its numbers context).
export type { Channel, ChannelKind, ChannelSpec, ReceivedFrame, ReceivedWords } from './channels/channel.js';
export { llrToField, binaryEntropy } from './channels/channel.js';
export { BscChannel, shannonLimitBsc } from './channels/bsc.js';
export { BecChannel, shannonLimitBec } from './channels/bec.js';
export { AwgnChannel, awgnSigma, shannonLimitAwgnEbN0, biAwgnCapacity } from './channels/awgn.js';
export { makeChannel, shannonLimit } from './channels/factory.js';
export { GallagerBDecoder, MajorityBitFlipDecoder, gallagerBDecode, majorityBitFlipDecode } from './baselines/bit-flipping.js';
export { MinSumDecoder, minSumDecode, llrFromHard } from './baselines/min-sum.js';
export { QuantisedMinSumDecoder, quantisedParams, quantiseLlr, type QuantisedMinSumOptions, type MinSumSchedule } from './baselines/min-sum-quantised.js';
export { SimdMinSumDecoder, SIMD_MSG_MAX } from './baselines/min-sum-simd.js';
export { BitslicedGallagerB, type BitslicedBatchResult } from './baselines/gallager-bitsliced.js';
export { decisionFlipsAt, type GallagerDecision, type GallagerBOptions } from './baselines/bit-flipping.js';
export { ClassicHopfield } from './baselines/hopfield-classic.js';

// Simulation.
export { runSimulation, simulationProblem, type SimulationOptions, type PointResult, type StopRules } from './sim/engine.js';
export { DECODERS, decoderName, decoderSpec, type DecoderName, type DecoderSpec } from './sim/decoder-spec.js';
export { presetSource, alistSource, type CodeSource } from './sim/code-source.js';
export { wilson, clopperPearson, crossing } from './sim/stats.js';
export { problemHash, mergeRows, aggregateRows, completedChunks, type ResultRow, type ProblemSpec, type StopReason } from './sim/results.js';
export { readResults, writeResults, appendResults, CSV_HEADER } from './sim/results-files.js';
export { renderPlotSvg, writePlot, replotFiles } from './sim/plot.js';
export { parseNoiseRange } from './sim/noise-range.js';
export { executeRun, readRunFile, openCode, type RunFileContents, type RunHooks } from './sim/run-file.js';
export { checkRunSpec, parseShard, shardRange, specLine, validateStop, CHUNK_SPACE, type RunSpec, type CodeSpec, type Shard } from './sim/run-spec.js';
export { ResultsAppender } from './sim/results-files.js';
export type { JobRunner } from './pool/job-runner.js';

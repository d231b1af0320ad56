export {
  type CallOptions,
  CONFORMANCE_LOG_ENV,
  type ConformanceOptions,
  type ConformanceResult,
  type ConnectorUnderTest,
  loadConnector,
  type PollOutcome,
} from './testing/conformance.js';

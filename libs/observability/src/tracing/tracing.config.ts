import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

export const TRACES_EXPORTERS = ['none', 'otlp', 'console'] as const;
export type TracesExporter = (typeof TRACES_EXPORTERS)[number];

/** The samplers the SDK reads from OTEL_TRACES_SAMPLER; anything else it would replace silently. */
export const TRACES_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/** The one OTLP encoding the shipped exporter speaks (@opentelemetry/exporter-trace-otlp-proto). */
const OTLP_PROTOCOLS = ['http/protobuf'] as const;

const exporting = (config: TracingConfig) =>
  config.OTEL_SDK_DISABLED !== 'true' && config.OTEL_TRACES_EXPORTER === 'otlp';
const sampledByRatio = (config: TracingConfig) =>
  config.OTEL_TRACES_SAMPLER?.endsWith('traceidratio') === true;
const URL_RULES = { protocols: ['http', 'https'], require_tld: false, require_protocol: true };

/**
 * Tracing, from OpenTelemetry's standard variables (docs/decisions/0029). Off
 * unless OTEL_TRACES_EXPORTER names an exporter: the OpenTelemetry default is
 * `otlp`, ours is `none`, so a service never sends spans to a collector
 * nobody configured. What the SDK would quietly replace by a default (an
 * unknown sampler, a ratio out of range, a protocol it cannot speak) stops
 * the service at start-up instead.
 */
export class TracingConfig {
  @IsOptional()
  @IsIn(['true', 'false'])
  OTEL_SDK_DISABLED?: 'true' | 'false';

  @IsOptional()
  @IsIn(TRACES_EXPORTERS)
  OTEL_TRACES_EXPORTER: TracesExporter = 'none';

  /** Names the service in every span it exports (`service.name`); required when exporting. */
  @ValidateIf(
    (config: TracingConfig) => exporting(config) || config.OTEL_SERVICE_NAME !== undefined,
  )
  @IsString({ message: 'OTEL_SERVICE_NAME is required when OTEL_TRACES_EXPORTER=otlp' })
  @IsNotEmpty()
  OTEL_SERVICE_NAME?: string;

  /** The collector's base URL (the exporter adds /v1/traces), unless the traces endpoint is given. */
  @ValidateIf(
    (config: TracingConfig) =>
      (exporting(config) && config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT === undefined) ||
      config.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined,
  )
  @IsUrl(URL_RULES, {
    message:
      'OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) must be an http(s) URL when OTEL_TRACES_EXPORTER=otlp',
  })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** The full URL spans are posted to. */
  @IsOptional()
  @IsUrl(URL_RULES)
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  @IsOptional()
  @IsIn(OTLP_PROTOCOLS)
  OTEL_EXPORTER_OTLP_PROTOCOL?: string;

  @IsOptional()
  @IsIn(OTLP_PROTOCOLS)
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?: string;

  /** parentbased_always_on unless given: a trace continues as its caller sampled it. */
  @IsOptional()
  @IsIn(TRACES_SAMPLERS)
  OTEL_TRACES_SAMPLER?: (typeof TRACES_SAMPLERS)[number];

  /** The share of new traces kept by the ratio samplers, 0 to 1. */
  @ValidateIf(
    (config: TracingConfig) =>
      sampledByRatio(config) || config.OTEL_TRACES_SAMPLER_ARG !== undefined,
  )
  @Type(() => Number)
  @IsNumber({}, { message: 'OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1' })
  @Min(0)
  @Max(1)
  OTEL_TRACES_SAMPLER_ARG?: number;
}

/** Whether this configuration asks for spans at all. */
export function tracesWanted(config: TracingConfig): boolean {
  return config.OTEL_SDK_DISABLED !== 'true' && config.OTEL_TRACES_EXPORTER !== 'none';
}

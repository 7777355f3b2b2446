import { PROVINCE_METRICS_NAMESPACE } from '../../shared/province.js';

export { PROVINCE_METRICS_NAMESPACE };

/**
 * One CloudWatch embedded-metric-format line: Lambda's log stream carries it to CloudWatch as metrics,
 * so the sweeper publishes its counts without a PutMetricData call or an SDK client.
 */
export function metricsLine(values: Record<string, number>, at: Date): string {
  return JSON.stringify({
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        { Namespace: PROVINCE_METRICS_NAMESPACE, Dimensions: [[]], Metrics: Object.keys(values).map((Name) => ({ Name, Unit: 'Count' })) },
      ],
    },
    ...values,
  });
}

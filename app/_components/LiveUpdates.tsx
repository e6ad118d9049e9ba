import type { Topic } from '@/lib/live/publish';

/**
 * Subscribes the page to live updates of `topics`: Turbo's <turbo-stream-source> keeps an EventSource
 * open on /api/live (reconnecting after a drop) and runs the `reload-topic` actions it receives.
 */
export function LiveUpdates({ topics }: { topics: Topic[] }) {
  return <turbo-stream-source src={`/api/live?topics=${encodeURIComponent(topics.join(','))}`} />;
}

import type { Topic } from '@/lib/live/publish';

/**
 * Subscribes the page to live updates of `topics`: Turbo's <turbo-stream-source> keeps an EventSource
 * open on /api/live (reconnecting after a drop) and runs the `reload-topic` actions it receives.
 * Rendered as HTML in a container React never touches again: React would set `src` as a property on
 * the custom element, and Turbo's element only has a getter for it.
 */
export function LiveUpdates({ topics }: { topics: Topic[] }) {
  const src = `/api/live?topics=${encodeURIComponent(topics.join(','))}`;
  return (
    <div
      hidden
      className="live-updates"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: a fixed tag; the topics are typed and URI-encoded.
      dangerouslySetInnerHTML={{ __html: `<turbo-stream-source src="${src}"></turbo-stream-source>` }}
    />
  );
}

/**
 * FEED SLOT. The feeds colleague provides components/SubscribeButton.tsx and a function in
 * lib/digest/ giving the feed URLs of a view; until both exist this renders nothing, and pages put
 * it where the subscribe button belongs. When they land: render <SubscribeButton> here and add
 * `alternates.types` to each page's generateMetadata.
 */
export function FeedSlot(_props: { view: string }) {
  return null;
}

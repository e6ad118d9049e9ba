/**
 * A line's product opens its card (stock by warehouse, prices) in a new tab, so the form being filled
 * stays as it is.
 */
export function ProductCardLink({ productId, label }: { productId: string; label: string }) {
  if (!productId) return null;
  return (
    <a className="product-card-link" href={`/products/${productId}`} target="_blank" rel="noopener">
      {label}
    </a>
  );
}

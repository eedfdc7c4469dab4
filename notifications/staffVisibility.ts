/**
 * An association sees a young person's details (name, contacts, situation) only while the
 * request is theirs: waiting for their answer, or accepted by them. Once they declined it,
 * or their time ran out and it went elsewhere, they see the reference and the outcome,
 * nothing personal. A withdrawn (erased) request is gone: there is nothing left to see.
 * Staff links and the staff inbox both follow this rule.
 */
export function requestIsTheirs(view: { readonly status: string }): boolean {
  return view.status === 'pending' || view.status === 'accepted';
}

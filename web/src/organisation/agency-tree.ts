/** The agencies as a tree, from the flat list the gateway gives (follow parentId). */
export interface AgencyLike {
  id: string;
  parentId: string | null;
  commissioningAgencyId: string | null;
}

export interface TreeNode<Agency extends AgencyLike> {
  agency: Agency;
  children: TreeNode<Agency>[];
  /** The agency that commissioned this one (受委託機關), when it is one. */
  commissionedBy: Agency | null;
}

/**
 * Roots are agencies without a parent, or whose parent is not in the list (an agency admin may see only part of
 * the city). Order among siblings is the order given. A parent loop cannot hang the page: each agency is placed once.
 */
export function buildAgencyTree<Agency extends AgencyLike>(agencies: readonly Agency[]): TreeNode<Agency>[] {
  const byId = new Map(agencies.map((agency) => [agency.id, agency]));
  const nodes = new Map<string, TreeNode<Agency>>(
    agencies.map((agency) => [
      agency.id,
      { agency, children: [], commissionedBy: agency.commissioningAgencyId ? (byId.get(agency.commissioningAgencyId) ?? null) : null },
    ]),
  );
  const roots: TreeNode<Agency>[] = [];
  for (const agency of agencies) {
    const node = nodes.get(agency.id)!;
    const parent = agency.parentId ? nodes.get(agency.parentId) : undefined;
    if (parent && !isAncestor(node, parent)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function isAncestor<Agency extends AgencyLike>(candidate: TreeNode<Agency>, of: TreeNode<Agency>): boolean {
  if (candidate === of) return true;
  return candidate.children.some((child) => isAncestor(child, of));
}

/** How many agencies the tree holds (for the heading). */
export function countNodes<Agency extends AgencyLike>(roots: readonly TreeNode<Agency>[]): number {
  return roots.reduce((sum, node) => sum + 1 + countNodes(node.children), 0);
}

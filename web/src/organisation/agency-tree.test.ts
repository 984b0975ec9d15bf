import { describe, expect, it } from 'vitest';
import { buildAgencyTree, countNodes } from './agency-tree';

const agency = (id: string, parentId: string | null = null, commissioningAgencyId: string | null = null) => ({ id, parentId, commissioningAgencyId });

describe('the agency tree', () => {
  it('nests agencies under their parents and names the commissioning agency', () => {
    const tree = buildAgencyTree([agency('city'), agency('social', 'city'), agency('district', 'social'), agency('vendor', 'city', 'social')]);
    expect(tree.map((node) => node.agency.id)).toEqual(['city']);
    expect(tree[0]!.children.map((node) => node.agency.id)).toEqual(['social', 'vendor']);
    expect(tree[0]!.children[0]!.children.map((node) => node.agency.id)).toEqual(['district']);
    expect(tree[0]!.children[1]!.commissionedBy?.id).toBe('social');
    expect(countNodes(tree)).toBe(4);
  });

  it('makes a root of an agency whose parent is not visible, and survives a loop', () => {
    expect(buildAgencyTree([agency('social', 'city')]).map((node) => node.agency.id)).toEqual(['social']);
    const loop = buildAgencyTree([agency('a', 'b'), agency('b', 'a')]);
    expect(countNodes(loop)).toBe(2);
  });
});

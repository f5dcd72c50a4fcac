import { generatePosting, postingIndexOf, type DemoPosting } from './posting-generator.js';
import { hash32 } from './seeded-random.js';

/**
 * The demo board's postings and the listing of every search term.
 *
 * All postings share one timeline (index 0 is the oldest). Overlap rule: a posting belongs to
 * term T exactly when bit 0 of hash32(`${seed}|member|${T}|${index}`) is 0, so each term takes
 * about half of the timeline, independently of every other term; two different terms therefore
 * share about half of their postings, and which ones is fixed by the seed. Term T lists its
 * first `visible(T)` members, newest first, where visible(T) = initialPostings + the postings
 * that advance() added for every term + those added for T alone. Advancing makes T's next
 * members visible, so new postings always appear on top of page 1.
 */
export class DemoCatalog {
  private readonly members = new Map<string, number[]>();
  private readonly postings = new Map<number, DemoPosting>();
  private readonly termAdvances = new Map<string, number>();
  private globalAdvances = 0;

  constructor(
    private readonly seed: number,
    private readonly initialPostings: number,
  ) {}

  advance(count: number, term?: string): void {
    if (term === undefined) this.globalAdvances += count;
    else this.termAdvances.set(term, (this.termAdvances.get(term) ?? 0) + count);
  }

  visibleCount(term: string): number {
    return this.initialPostings + this.globalAdvances + (this.termAdvances.get(term) ?? 0);
  }

  /** The postings of `term`, newest first. */
  listing(term: string): DemoPosting[] {
    return this.memberIndices(term, this.visibleCount(term))
      .map((index) => this.posting(index))
      .reverse();
  }

  /** The posting with URL id `id` when its slug is `slug`. */
  findPosting(id: number, slug: string): DemoPosting | undefined {
    const index = postingIndexOf(id);
    if (index === undefined) return undefined;
    const posting = this.posting(index);
    return posting.path === `/job/${slug}/${id}` ? posting : undefined;
  }

  private posting(index: number): DemoPosting {
    let posting = this.postings.get(index);
    if (!posting) {
      posting = generatePosting(this.seed, index);
      this.postings.set(index, posting);
    }
    return posting;
  }

  /** The first `count` timeline indices that belong to `term`, oldest first. */
  private memberIndices(term: string, count: number): number[] {
    let indices = this.members.get(term);
    if (!indices) {
      indices = [];
      this.members.set(term, indices);
    }
    let next = indices.length === 0 ? 0 : indices[indices.length - 1]! + 1;
    while (indices.length < count) {
      if ((hash32(`${this.seed}|member|${term}|${next}`) & 1) === 0) indices.push(next);
      next++;
    }
    return indices.slice(0, count);
  }
}

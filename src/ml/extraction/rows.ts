/**
 * A caller's remembered rows: a ring of at most `capacity` rows of `width` numbers, in one flat
 * array that starts small and doubles as rows arrive, so a caller with a few queries costs a few
 * rows, and one with many costs at most `capacity`.
 */
export class RowRing {
  data: Float64Array;
  count = 0;
  private next = 0;

  constructor(
    readonly capacity: number,
    readonly width: number,
  ) {
    this.data = new Float64Array(Math.min(capacity, 8) * width);
  }

  /** Appends a row, overwriting the oldest once the ring is full. */
  push(row: Float64Array): void {
    const w = this.width;
    if (this.count < this.capacity && this.count * w >= this.data.length) {
      const grown = new Float64Array(Math.min(this.capacity, 2 * (this.data.length / w)) * w);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(row.subarray(0, w), this.next * w);
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  get full(): boolean {
    return this.count === this.capacity;
  }
}

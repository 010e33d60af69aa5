/** Running count, sum, mean, population standard deviation, min and max (Welford's update). */
export class Moments {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  private mean_ = 0;
  private m2 = 0;

  add(x: number): void {
    this.count++;
    this.sum += x;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    const delta = x - this.mean_;
    this.mean_ += delta / this.count;
    this.m2 += delta * (x - this.mean_);
  }

  get mean(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  /** Population standard deviation (divides by n), as Model Monitor reports `std_dev`. */
  get stdDev(): number {
    return this.count === 0 ? NaN : Math.sqrt(Math.max(0, this.m2 / this.count));
  }
}

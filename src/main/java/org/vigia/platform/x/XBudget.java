package org.vigia.platform.x;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.springframework.stereotype.Component;
import org.vigia.platform.NetworkAllowance;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Allowances;

/**
 * X's monthly read budget ({@code VIGIA_PLATFORMS_X_MONTHLY_READS}), spread over the month: by the end of day d of a
 * month of D days at most d/D of it is spent, so that a busy first week cannot leave the rest of the month unread. X
 * charges per resource returned (a user, a post); Vigía takes the reads before it asks, compare-and-set in the
 * database, and gives back what the answer did not return, so the budget is never exceeded, on any number of nodes.
 */
@Component
public class XBudget implements NetworkAllowance.Source {

	static final String NETWORK = "x";

	private final Allowances allowances;

	private final XProperties properties;

	private final Clock clock;

	XBudget(Allowances allowances, XProperties properties, Clock clock) {
		this.allowances = allowances;
		this.properties = properties;
		this.clock = clock;
	}

	private LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	private static LocalDate month(LocalDate day) {
		return day.withDayOfMonth(1);
	}

	/** How much of the monthly budget may be spent by the end of today. */
	long allowedNow() {
		var today = today();
		return Math.floorDiv(properties.monthlyReads() * today.getDayOfMonth(), today.lengthOfMonth());
	}

	/** Takes up to {@code reads} reads; answers how many were granted. */
	long take(long reads, long posts) {
		return allowances.take(NETWORK, month(today()), reads, allowedNow(), posts);
	}

	void giveBack(long reads, long posts) {
		allowances.giveBack(NETWORK, month(today()), reads, posts);
	}

	@Override
	public NetworkAllowance allowance() {
		var today = today();
		var used = allowances.usage(NETWORK, month(today));
		long users = used.used() - used.posts();
		var spent = BigDecimal.valueOf(users * properties.userReadPrice() + used.posts() * properties.postReadPrice());
		// Extrapolated from the days gone by: what a whole month of checks costs at this pace.
		var monthly = spent.multiply(BigDecimal.valueOf(today.lengthOfMonth()))
			.divide(BigDecimal.valueOf(today.getDayOfMonth()), 2, RoundingMode.HALF_UP);
		// At the least one user read per check; a check that finds new posts reads them too.
		double checksPerMonth = Duration.ofDays(30).toSeconds() / (double) Math.max(1, properties.interval().toSeconds());
		var perAccount = BigDecimal.valueOf(checksPerMonth * properties.userReadPrice()).setScale(4, RoundingMode.HALF_UP);
		return new NetworkAllowance(Platform.X, YearMonth.from(today).toString(), "reads", properties.configured(),
				properties.monthlyReads(), allowedNow(), used.used(), used.posts(), spent.setScale(2, RoundingMode.HALF_UP),
				monthly, perAccount, properties.interval().toString());
	}

}

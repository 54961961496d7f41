package org.vigia.people;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * The password check's source: a person kept in PostgreSQL, by user name without case, with its roles as authorities
 * ({@code ROLE_VIEWER}, ...). People without a password (single sign-on only, service users) and disabled people are
 * not found, so they cannot sign in with a password; nor are the configuration's users, whose passwords each node
 * checks against its own configuration.
 */
@Component
public class PeopleUserDetailsService implements UserDetailsService {

	private final JdbcClient jdbc;

	PeopleUserDetailsService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		var user = jdbc.sql("""
				select u.id, u.username, u.password_hash, array_agg(distinct g.role) filter (where g.role is not null) as roles
				from users u left join grants g on g.user_id = u.id
				where lower(u.username) = lower(:username) and u.enabled and u.password_hash is not null and u.source <> 'ENV'
				group by u.id
				""")
			.param("username", username)
			.query((rs, n) -> {
				var roles = rs.getArray("roles");
				List<String> names = roles == null ? List.of() : List.of((String[]) roles.getArray());
				return User.withUsername(rs.getString("username"))
					.password(rs.getString("password_hash"))
					.authorities(names.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList())
					.build();
			})
			.optional();
		return user.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

}
